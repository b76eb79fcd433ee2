"""Background work of the reviews app (django-tasks): thin wrappers over the importer."""

from __future__ import annotations

import logging

from django.utils import timezone
from django_tasks import task

from reviews.letterboxd.archive import ArchiveError, read_zip
from reviews.letterboxd.importer import import_letterboxd
from reviews.models import LetterboxdImport

logger = logging.getLogger(__name__)


@task()
def run_letterboxd_import(import_id: int) -> None:
    # Claim the job: if two workers get the same id, only one row update succeeds.
    claimed = LetterboxdImport.objects.filter(
        pk=import_id, status=LetterboxdImport.Status.QUEUED
    ).update(status=LetterboxdImport.Status.RUNNING)
    if not claimed:
        return
    job = LetterboxdImport.objects.select_related("user").get(pk=import_id)

    def progress(done: int, total: int) -> None:
        LetterboxdImport.objects.filter(pk=import_id).update(rows_done=done, rows_total=total)

    try:
        report = import_letterboxd(job.user, read_zip(bytes(job.upload)), progress=progress)
    except ArchiveError as error:
        _finish(import_id, LetterboxdImport.Status.FAILED, {"error": str(error)})
    except Exception:
        logger.exception("Letterboxd import %s failed", import_id)
        _finish(import_id, LetterboxdImport.Status.FAILED, {"error": "The import failed."})
        raise
    else:
        _finish(import_id, LetterboxdImport.Status.DONE, report.as_dict())


def _finish(import_id: int, status: str, report: dict) -> None:
    LetterboxdImport.objects.filter(pk=import_id).update(
        status=status, report=report, upload=b"", finished_at=timezone.now()
    )
