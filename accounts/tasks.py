"""Background work of the accounts app (django-tasks): thin wrappers over the same
functions the management commands call, scheduled like the catalog snapshot
(catalog/tasks.py): a task that queues its own next run."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.utils import timezone
from django_tasks import default_task_backend, task

from config.api.idempotency import purge_expired

logger = logging.getLogger(__name__)

# Expired idempotency records are purged this often (lookups ignore them meanwhile).
IDEMPOTENCY_PURGE_EVERY = timedelta(hours=1)


@task()
def purge_idempotency_keys_task(reschedule: bool = False) -> int:
    """Delete idempotency records past their 24 h; with `reschedule`, queue the next run."""
    deleted = purge_expired()
    logger.info("idempotency keys purged: %s", deleted)
    if reschedule:
        schedule_idempotency_purge()
    return deleted


def schedule_idempotency_purge() -> bool:
    """Queue the next purge; False if the backend cannot run tasks later."""
    if not default_task_backend.supports_defer:
        return False
    run_after = timezone.now() + IDEMPOTENCY_PURGE_EVERY
    purge_idempotency_keys_task.using(run_after=run_after).enqueue(reschedule=True)
    return True
