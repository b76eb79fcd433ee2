"""The catalog snapshot: every film as gzipped NDJSON plus a manifest, in Django storage.

`build_snapshot()` streams the same canonical list-mode Films as /api/v2/films/stream into
a temporary file (memory stays flat), stores it through the storage API (filesystem by
default; any S3-compatible backend by configuration: STORAGES[SNAPSHOT_STORAGE_ALIAS]),
then replaces the manifest. Downloads go through a signed, expiring token
(django.core.signing), so the file never needs a public URL.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import tempfile
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages
from django.utils import timezone

from catalog.api.films import LIST_FIELDS
from catalog.api.params import Projection, flatten

SCHEMA_VERSION = 1
FOLDER = "snapshots"
MANIFEST_NAME = f"{FOLDER}/manifest.json"
DOWNLOAD_TTL_SECONDS = 3600
KEEP_FILES = 2  # the current snapshot and the one before (a download may be in flight)
_SALT = "reelbase.snapshot.download"
MANIFEST_CACHE_KEY = "catalog:snapshot-manifest"
# A build in another process is seen within this long when the cache is per process.
MANIFEST_CACHE_SECONDS = 60


def snapshot_storage() -> Storage:
    return storages[getattr(settings, "SNAPSHOT_STORAGE_ALIAS", "default")]


class _HashingWriter:
    """A file wrapper that hashes and counts the (compressed) bytes written through it."""

    def __init__(self, target) -> None:
        self.target, self.sha256, self.bytes = target, hashlib.sha256(), 0

    def write(self, data: bytes) -> int:
        self.sha256.update(data)
        self.bytes += len(data)
        return self.target.write(data)

    def flush(self) -> None:
        self.target.flush()


def build_snapshot(*, progress: Callable[[int], None] | None = None) -> dict[str, Any]:
    """Write a new snapshot and make it current; returns its manifest."""
    from catalog.api.views import ndjson_lines  # the stream's own renderer, line for line
    from catalog.models import Film

    storage = snapshot_storage()
    generated_at = timezone.now().replace(microsecond=0)
    count = 0
    with tempfile.TemporaryFile() as tmp:
        writer = _HashingWriter(tmp)
        # Level 1: several times faster than the default 6 for ~15% more bytes.
        with gzip.GzipFile(fileobj=writer, mode="wb", compresslevel=1, mtime=0) as gz:
            for chunk in ndjson_lines(Film.objects.all(), Projection()):
                gz.write(chunk)
                count += chunk.count(b"\n")
                if progress:
                    progress(count)
        tmp.seek(0)
        name = storage.save(f"{FOLDER}/films-{generated_at:%Y%m%dT%H%M%SZ}.ndjson.gz", File(tmp))
    manifest = {
        "schema_version": SCHEMA_VERSION,
        "generated_at": generated_at.isoformat().replace("+00:00", "Z"),
        "count": count,
        "bytes": writer.bytes,
        "sha256": writer.sha256.hexdigest(),
        "fields": flatten(LIST_FIELDS),
        "format": "ndjson+gzip",
        "file": name,
    }
    if storage.exists(MANIFEST_NAME):
        storage.delete(MANIFEST_NAME)
    storage.save(MANIFEST_NAME, ContentFile(json.dumps(manifest, indent=2).encode()))
    cache.set(MANIFEST_CACHE_KEY, manifest, timeout=MANIFEST_CACHE_SECONDS)
    _prune(storage, keep=name)
    return manifest


def _prune(storage: Storage, *, keep: str) -> None:
    _, files = storage.listdir(FOLDER)
    snapshots = sorted(f for f in files if f.startswith("films-") and f.endswith(".ndjson.gz"))
    for old in snapshots[:-KEEP_FILES]:
        if f"{FOLDER}/{old}" != keep:
            storage.delete(f"{FOLDER}/{old}")


def current_manifest() -> dict[str, Any] | None:
    manifest = cache.get(MANIFEST_CACHE_KEY)
    if manifest is not None:
        return manifest
    storage = snapshot_storage()
    if not storage.exists(MANIFEST_NAME):
        return None
    with storage.open(MANIFEST_NAME, "rb") as handle:
        manifest = json.loads(handle.read())
    cache.set(MANIFEST_CACHE_KEY, manifest, timeout=MANIFEST_CACHE_SECONDS)
    return manifest


def is_stale(manifest: dict[str, Any] | None, max_age: timedelta) -> bool:
    if manifest is None:
        return True
    generated = datetime.fromisoformat(manifest["generated_at"].replace("Z", "+00:00"))
    return timezone.now() - generated >= max_age


def download_token(file_name: str) -> str:
    return signing.dumps({"file": file_name}, salt=_SALT)


class DownloadTokenError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def file_for_token(token: str) -> str:
    """The file a download token names; raises DownloadTokenError if tampered or expired."""
    try:
        payload = signing.loads(token, salt=_SALT, max_age=DOWNLOAD_TTL_SECONDS)
    except signing.SignatureExpired:
        raise DownloadTokenError("This download link has expired; request a new one.") from None
    except signing.BadSignature:
        raise DownloadTokenError("This download link is not valid.") from None
    name = payload.get("file") if isinstance(payload, dict) else None
    if not isinstance(name, str) or not name.startswith(f"{FOLDER}/films-"):
        raise DownloadTokenError("This download link is not valid.")
    return name
