"""Background work of the catalog (django-tasks): thin wrappers over the same functions
the management commands call."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, time, timedelta

from django.utils import timezone
from django_tasks import default_task_backend, task

from catalog.snapshots import build_snapshot

logger = logging.getLogger(__name__)

# The daily snapshot runs at this UTC time.
SNAPSHOT_TIME = time(3, 0)


def next_snapshot_time(now: datetime) -> datetime:
    today = datetime.combine(now.date(), SNAPSHOT_TIME, tzinfo=UTC)
    return today if today > now else today + timedelta(days=1)


@task()
def build_snapshot_task(reschedule: bool = False) -> dict:
    """Build the snapshot; with `reschedule`, queue the next run for tomorrow's slot.

    The chain is the daily schedule on a queue backend that supports deferred tasks
    (django-tasks-db); `manage.py build_snapshot --schedule` starts it.
    """
    manifest = build_snapshot()
    logger.info("snapshot built: %s films, %s bytes", manifest["count"], manifest["bytes"])
    if reschedule:
        schedule_daily_snapshot()
    return manifest


def schedule_daily_snapshot() -> bool:
    """Queue the next daily build; False if the backend cannot run tasks later."""
    if not default_task_backend.supports_defer:
        return False
    run_after = next_snapshot_time(timezone.now())
    build_snapshot_task.using(run_after=run_after).enqueue(reschedule=True)
    return True
