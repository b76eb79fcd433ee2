"""Settings › Letterboxd: upload an export (imported by a background task whose progress
the page shows), and download one's data as a Letterboxd zip or as JSON."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from reviews.forms import LetterboxdUploadForm
from reviews.letterboxd.archive import ArchiveError, bundle
from reviews.letterboxd.exporter import export_zip, user_data
from reviews.models import LetterboxdImport
from reviews.tasks import run_letterboxd_import

RECENT_IMPORTS = 10


# /settings/letterboxd/
@login_required
def letterboxd_settings(request: HttpRequest) -> HttpResponse:
    form = LetterboxdUploadForm()
    if request.method == "POST":
        form = LetterboxdUploadForm(request.POST, request.FILES)
        if form.is_valid():
            job = _start_import(request, form.cleaned_data["files"])
            if job is not None:
                return redirect("reviews:letterboxd_import", job.pk)
    imports = LetterboxdImport.objects.filter(user=request.user).defer("upload")
    context = {"form": form, "imports": imports[:RECENT_IMPORTS]}
    status = 400 if request.method == "POST" else 200
    return render(request, "reviews/letterboxd_settings.html", context, status=status)


def _start_import(request: HttpRequest, uploads) -> LetterboxdImport | None:
    try:
        data = bundle({upload.name: upload.read() for upload in uploads})
    except ArchiveError as error:
        messages.error(request, str(error))
        return None
    name = uploads[0].name if len(uploads) == 1 else f"{len(uploads)} CSV files"
    job = LetterboxdImport.objects.create(user=request.user, filename=name[:255], upload=data)
    # After commit: a worker must be able to see the row it is asked to run.
    transaction.on_commit(lambda: run_letterboxd_import.enqueue(job.pk))
    return job


# /settings/letterboxd/imports/<id>/
@login_required
def letterboxd_import(request: HttpRequest, import_id: int) -> HttpResponse:
    job = get_object_or_404(
        LetterboxdImport.objects.defer("upload"), pk=import_id, user=request.user
    )
    running = job.status in (LetterboxdImport.Status.QUEUED, LetterboxdImport.Status.RUNNING)
    return render(request, "reviews/letterboxd_import.html", {"job": job, "running": running})


# /settings/letterboxd/export.zip
@login_required
def letterboxd_export(request: HttpRequest) -> HttpResponse:
    stamp = timezone.now().strftime("%Y-%m-%d-%H-%M")
    response = HttpResponse(export_zip(request.user), content_type="application/zip")
    filename = f"reelbase-{request.user.username}-{stamp}-utc.zip"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# /settings/letterboxd/export.json
@login_required
def json_export(request: HttpRequest) -> HttpResponse:
    body = json.dumps(user_data(request.user), indent=2, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="reelbase-{request.user.username}.json"'
    )
    return response


# /settings/letterboxd/imports/<id>/delete/
@login_required
@require_POST
def letterboxd_import_delete(request: HttpRequest, import_id: int) -> HttpResponse:
    deleted, _ = LetterboxdImport.objects.filter(pk=import_id, user=request.user).delete()
    if not deleted:
        raise Http404("No such import")
    return redirect("reviews:letterboxd")
