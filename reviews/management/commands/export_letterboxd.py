from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from reviews.letterboxd.exporter import export_zip


class Command(BaseCommand):
    help = (
        "Write a member's data as a Letterboxd-format zip (diary, reviews, ratings, watched, "
        "watchlist, likes, lists, profile) plus reelbase.json with everything they own."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("user_email")
        parser.add_argument("path", type=Path, help="the zip file to write")

    def handle(self, *args, user_email: str, path: Path, **options) -> None:
        user = get_user_model().objects.filter(email__iexact=user_email.strip()).first()
        if user is None:
            raise CommandError(f"No user with the email {user_email}.")
        if path.is_dir():
            path = path / f"letterboxd-{user.username}.zip"
        data = export_zip(user)
        path.write_bytes(data)
        self.stdout.write(self.style.SUCCESS(f"Wrote {path} ({len(data):,} bytes)."))
