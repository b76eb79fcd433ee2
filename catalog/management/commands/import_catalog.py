from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from catalog.importers.pipeline import Console, ImportUsageError
from catalog.importers.run import FORMATS, run_import


class Command(BaseCommand):
    help = (
        "Import films from real datasets: wikipedia (JSON arrays, .json or .json.gz), "
        "movielens (a folder with movies/links/ratings/tags.csv), imdb (TSV dumps) or "
        "tmdb (movie details JSON or NDJSON). Idempotent: a re-run changes nothing."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("format", choices=FORMATS)
        parser.add_argument("paths", nargs="+", type=Path, help="files or folders")
        parser.add_argument(
            "--no-rescore", action="store_true", help="skip recomputing master_score afterwards"
        )

    def handle(self, *args, **options) -> None:
        console = Console(out=self.stdout, err=self.stderr)
        try:
            total = run_import(
                options["format"],
                options["paths"],
                console=console,
                rescore=not options["no_rescore"],
            )
        except ImportUsageError as error:
            raise CommandError(str(error)) from error
        style = self.style.WARNING if total.error_count else self.style.SUCCESS
        self.stdout.write(style(total.line()))
