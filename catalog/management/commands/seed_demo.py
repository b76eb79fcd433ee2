import resource
import sys
import time

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.demo import create_demo_accounts, demo_logins
from catalog.demo.classics import seed_classics
from catalog.demo.seed import CatalogNotEmpty, SeedReport, bulk_loading, seed_catalog
from catalog.models import Film
from catalog.scoring import recompute_scores
from reviews.demo import seed_member_activity


class Command(BaseCommand):
    help = (
        "Build a deterministic synthetic demo catalog (films, people, credits, posters) "
        "and the demo accounts. The same --seed always gives the same catalog."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--films", type=int, default=3000, help="how many films (default 3000)")
        parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="leave an existing catalog alone instead of failing (used by `make run`)",
        )

    def handle(self, *args, films: int, seed: int, if_empty: bool, **options) -> None:
        if films < 1 or films > 5_000_000:
            raise CommandError("--films must be between 1 and 5,000,000")
        if if_empty and Film.objects.exists():
            self.stdout.write("The catalog already has films; not seeding (--if-empty).")
            return
        started = time.monotonic()
        try:
            with bulk_loading(self.stdout):
                report = seed_catalog(films=films, seed=seed, stream=self.stdout)
                seed_classics()
                create_demo_accounts()
                # Steps that need the catalog and the demo users go here, one line each.
                seed_member_activity(seed=seed)
                recompute_scores()
        except CatalogNotEmpty as error:
            raise CommandError(f"{error}; seed_demo fills an empty catalog only") from error
        self.print_summary(report, time.monotonic() - started)

    def print_summary(self, report: SeedReport, seconds: float) -> None:
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (
            1024 * 1024 if sys.platform == "darwin" else 1024
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded {report.films:,} films, {report.people:,} people and "
                f"{report.credits:,} credits in {seconds:.1f}s, indexes and scores included "
                f"({report.films / seconds:,.0f} films/s, {report.credits / seconds:,.0f} "
                f"credits/s; rows alone {report.seconds:.1f}s; peak memory {peak_mb:,.0f} MB)."
            )
        )
        for line in demo_logins():
            self.stdout.write(line)
