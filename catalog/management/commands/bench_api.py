"""manage.py bench_api: the catalog API's speed against a raw psycopg + orjson baseline."""

from __future__ import annotations

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from catalog.api import benchmark
from catalog.models import Film

SECTIONS = ["list", "deep", "total", "detail", "search", "explain", "stream", "snapshot"]


class Command(BaseCommand):
    help = (
        "Benchmark /api/v2 catalog endpoints on PostgreSQL beside a raw psycopg + orjson "
        "baseline measured in the same run. Seeds --films synthetic films first if the "
        "catalog is empty (seed_demo), otherwise reuses what is there."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--films", type=int, default=200_000, help="seed this many if empty")
        parser.add_argument("--repeat", type=int, default=15, help="timed runs per figure")
        parser.add_argument(
            "--only", default=",".join(SECTIONS), help=f"some of: {','.join(SECTIONS)}"
        )

    def handle(self, *args, films: int, repeat: int, only: str, **options) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("bench_api measures PostgreSQL: set DATABASE_URL=postgres://...")
        sections = [s for s in only.split(",") if s]
        unknown = set(sections) - set(SECTIONS)
        if unknown:
            raise CommandError(f"unknown sections: {', '.join(sorted(unknown))}")
        if not settings.REDIS_URL:
            self.stderr.write("REDIS_URL is not set: rate counting goes to the database.")
        if not Film.objects.exists():
            self.stdout.write(f"Seeding {films:,} films (seed_demo)...")
            call_command("seed_demo", films=films, stdout=self.stdout)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        benchmark.run(self.stdout.write, repeat=repeat, sections=sections)
