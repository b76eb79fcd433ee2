from django.core.management.base import BaseCommand

from catalog.scoring import catalog_means, recompute_scores
from reviews.services import rebuild_community_ratings


class Command(BaseCommand):
    help = "Recompute every film's master_score (and each rating source's catalog mean)."

    def handle(self, *args, **options) -> None:
        rebuild_community_ratings()  # the increments each review write made, redone from scratch
        updated = recompute_scores()
        means = ", ".join(f"{name} {mean:.2f}" for name, mean in catalog_means().items())
        self.stdout.write(self.style.SUCCESS(f"Recomputed master_score for {updated} films."))
        self.stdout.write(f"Catalog means: {means}")
