"""/api/v2/catalog/snapshot: the current snapshot behind a signed, one-hour download URL."""

from __future__ import annotations

import os

from django.http import FileResponse, HttpResponseRedirect
from django.urls import reverse
from rest_framework.request import Request

from catalog import snapshots
from catalog.api import schema
from catalog.api.params import check_known, parse_choice
from config.api.errors import ApiError
from config.api.views import ApiView, json_response


# /api/v2/catalog/snapshot
class SnapshotView(ApiView):
    public = True

    def initial(self, request, *args, **kwargs):
        # `format` is ours (json or redirect), so check it before DRF's content negotiation
        # reads it as a renderer override and answers an unknown value with a 404.
        parse_choice(request.GET, "format", ("redirect", "json"), "redirect")
        super().initial(request, *args, **kwargs)

    @schema.snapshot
    def get(self, request: Request):
        check_known(request.query_params, {"format"})
        manifest = snapshots.current_manifest()
        if manifest is None:
            raise ApiError(
                "The catalog snapshot has not been generated yet; try again shortly.",
                code="snapshot_not_ready",
                status=503,
                headers={"Retry-After": "300"},
            )
        token = snapshots.download_token(manifest["file"])
        url = request.build_absolute_uri(reverse("api-snapshot-download")) + f"?token={token}"
        if request.query_params.get("format") == "json":
            data = {
                "download_url": url,
                "expires_in_seconds": snapshots.DOWNLOAD_TTL_SECONDS,
                "manifest": manifest,
            }
            response = json_response({"data": data})
        else:
            response = HttpResponseRedirect(url)
        # Each answer holds a fresh signed URL: never share it between callers.
        response["Cache-Control"] = "private, no-store"
        return response


# /api/v2/catalog/snapshot/download?token=…
class SnapshotDownloadView(ApiView):
    public = True

    @schema.snapshot_download
    def get(self, request: Request):
        check_known(request.query_params, {"token"})
        try:
            name = snapshots.file_for_token(request.query_params.get("token", ""))
        except snapshots.DownloadTokenError as exc:
            raise ApiError(exc.message, code="forbidden", status=403) from None
        storage = snapshots.snapshot_storage()
        if not storage.exists(name):
            raise ApiError(
                "That snapshot has been replaced; request a new link.", code="not_found", status=404
            )
        response = FileResponse(
            storage.open(name, "rb"),
            as_attachment=True,
            filename=os.path.basename(name),
            content_type="application/gzip",
        )
        response["Cache-Control"] = "private, max-age=3600"
        return response
