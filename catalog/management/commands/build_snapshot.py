"""manage.py build_snapshot: write the gzipped NDJSON catalog snapshot and its manifest."""

from __future__ import annotations

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandParser

from catalog.snapshots import build_snapshot, current_manifest, is_stale
from catalog.tasks import build_snapshot_task, schedule_daily_snapshot


class Command(BaseCommand):
    help = (
        "Build the catalog snapshot (/api/v2/catalog/snapshot). Idempotent: with "
        "--max-age-hours it does nothing while the current one is younger (cron-friendly). "
        "--enqueue runs it on the task queue; --schedule starts the daily chain there."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--max-age-hours", type=float, default=None)
        parser.add_argument("--enqueue", action="store_true", help="Run on the task queue")
        parser.add_argument(
            "--schedule", action="store_true", help="Queue the daily build (needs a queue)"
        )

    def handle(self, *args, max_age_hours=None, enqueue=False, schedule=False, **options):
        if schedule:
            if not schedule_daily_snapshot():
                self.stderr.write("The task backend cannot defer tasks; use cron instead.")
                return
            self.stdout.write("Daily snapshot scheduled.")
            return
        if max_age_hours is not None and not is_stale(
            current_manifest(), timedelta(hours=max_age_hours)
        ):
            self.stdout.write("The current snapshot is fresh enough; nothing to do.")
            return
        if enqueue:
            build_snapshot_task.enqueue()
            self.stdout.write("Snapshot build queued.")
            return
        last_report = [0]

        def progress(count: int) -> None:
            if count - last_report[0] >= 100_000:
                last_report[0] = count
                self.stdout.write(f"  {count:,} films written")

        manifest = build_snapshot(progress=progress)
        self.stdout.write(
            self.style.SUCCESS(
                f"Snapshot {manifest['file']}: {manifest['count']:,} films, "
                f"{manifest['bytes']:,} bytes, sha256 {manifest['sha256']}"
            )
        )
