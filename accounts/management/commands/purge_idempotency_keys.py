"""manage.py purge_idempotency_keys: delete Idempotency-Key records older than 24 h."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandParser

from accounts.tasks import schedule_idempotency_purge
from config.api.idempotency import purge_expired


class Command(BaseCommand):
    help = (
        "Delete stored Idempotency-Key responses older than 24 hours (they are ignored "
        "already; this reclaims the space). Idempotent and cron-friendly. --schedule starts "
        "an hourly self-rescheduling chain on the task queue instead."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--schedule", action="store_true", help="Queue the hourly purge (needs a queue)"
        )

    def handle(self, *args, schedule: bool = False, **options) -> None:
        if schedule:
            if not schedule_idempotency_purge():
                self.stderr.write("The task backend cannot defer tasks; use cron instead.")
                return
            self.stdout.write("Hourly idempotency-key purge scheduled.")
            return
        deleted = purge_expired()
        self.stdout.write(f"Deleted {deleted} expired idempotency record(s).")
