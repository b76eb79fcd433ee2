"""`Idempotency-Key` on POST: the same key and body within 24 h returns the first response.

`ApiViewMixin` (config/api/views.py) calls `begin` once authentication, permissions and
throttling have passed, and `finish` on the response, so every POST view under /api/ gets
this without a line of its own. The rules, as clients of Stripe-like APIs expect them:

* A record belongs to the caller: the key is unique per user, never across users. It holds
  the method, the full path and the sha256 of the raw body; another request under the same
  key (a different body or path) is a 422 `idempotency_key_reused` and executes nothing.
* Insert first: the row is created (status empty) before the view runs, and the unique
  constraint decides which of two concurrent requests runs; the other gets a 409
  `idempotency_in_progress` with `Retry-After: 1`. Race-free on SQLite and PostgreSQL.
* Which responses are kept: 2xx and 4xx, except 409 and 429. A 5xx, a conflict and a
  throttle are transient, so the claim is dropped and the same key may be retried. Errors
  raised before the view (401, 403, 429 of auth and throttling) never claim a key at all.
* A replay passes authentication and throttling like any request (it counts once against
  the rate limit, as a request), then answers the stored status, body, Content-Type and
  Location with `Idempotent-Replayed: true`.
* Records expire after 24 h: an expired row met on lookup is deleted and the request runs
  again; `manage.py purge_idempotency_keys` (or its daily task) deletes the rest. A claim
  whose request died with its process (no response within `ABANDONED_AFTER`) is taken over.
* Anonymous callers and other methods: the header is ignored (nothing to scope a key to).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import RequestDataTooBig
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.template.response import SimpleTemplateResponse
from django.utils import timezone
from rest_framework.request import Request

from accounts.models import IdempotencyKey
from config.api.errors import ApiError

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
TTL = IdempotencyKey.TTL
# A claim still without a response after this long belongs to a request that died (worker
# killed, machine lost): requests time out well before, so taking it over is safe.
ABANDONED_AFTER = timedelta(minutes=5)
_VALID_KEY = re.compile(r"[\x20-\x7e]{1,255}")
_KEPT_HEADERS = ("Content-Type", "Location")
_TRANSIENT_STATUSES = frozenset({409, 429})


@dataclass(frozen=True)
class Fingerprint:
    key: str
    method: str
    path: str
    body_sha256: str


class Replay(Exception):
    """Raised by `begin` to answer with the stored response instead of running the view."""

    def __init__(self, response: HttpResponse) -> None:
        super().__init__("idempotent replay")
        self.response = response


def read_body(request: Request) -> None:
    """Read the raw body before anything parses it (DRF then parses these same bytes)."""
    if request.method == "POST" and HEADER in request.headers:
        try:
            request._request.body  # noqa: B018  (caches the bytes on the Django request)
        except RequestDataTooBig:
            raise ApiError(
                "The request body is too large.", code="payload_too_large", status=413
            ) from None


def begin(request: Request) -> None:
    """Claim the key for this request, or raise `Replay` / the 4xx that answers it."""
    if request.method != "POST" or HEADER not in request.headers:
        return
    user = request.user
    if user is None or not user.is_authenticated:
        return
    fingerprint = _fingerprint(request)
    for _ in range(3):  # an expired or abandoned row deleted under us: claim again
        record = _claim(user, fingerprint)
        if record is not None:
            request._request.idempotency_claim = record.pk
            return
        existing = IdempotencyKey.objects.filter(user=user, key=fingerprint.key).first()
        if existing is None or _discard_if_stale(existing):
            continue
        raise _answer(existing, fingerprint)
    raise _in_progress()


def finish(request: Request, response: HttpResponse) -> None:
    """Store the response under the claimed key, or drop the claim if it is transient."""
    pk = getattr(request._request, "idempotency_claim", None)
    if pk is None:
        return
    del request._request.idempotency_claim
    claimed = IdempotencyKey.objects.filter(pk=pk)
    if not is_kept(response.status_code) or response.streaming:
        claimed.delete()
        return
    if isinstance(response, SimpleTemplateResponse) and not response.is_rendered:
        response.render()
    headers = {name: response[name] for name in _KEPT_HEADERS if response.has_header(name)}
    claimed.update(status_code=response.status_code, body=response.content, headers=headers)


def release(request: Request) -> None:
    """Drop the claim of a request that crashed (a 500): the client may retry the key."""
    pk = getattr(request._request, "idempotency_claim", None)
    if pk is not None:
        del request._request.idempotency_claim
        IdempotencyKey.objects.filter(pk=pk).delete()


def is_kept(status: int) -> bool:
    return 200 <= status < 500 and status not in _TRANSIENT_STATUSES


def purge_expired(now=None) -> int:
    """Delete every record older than the TTL; returns how many."""
    deleted, _ = IdempotencyKey.objects.expired(now or timezone.now()).delete()
    return deleted


def _fingerprint(request: Request) -> Fingerprint:
    key = request.headers[HEADER]
    if not _VALID_KEY.fullmatch(key):
        raise ApiError(
            f"The {HEADER} header must be 1 to 255 printable ASCII characters.",
            code="invalid_request",
            details={HEADER: ["1 to 255 printable ASCII characters."]},
        )
    return Fingerprint(
        key=key,
        method=request.method,
        path=request._request.get_full_path(),
        body_sha256=hashlib.sha256(request._request.body).hexdigest(),
    )


def _claim(user, fingerprint: Fingerprint) -> IdempotencyKey | None:
    try:
        with transaction.atomic():
            return IdempotencyKey.objects.create(
                user=user,
                key=fingerprint.key,
                method=fingerprint.method,
                path=fingerprint.path,
                body_sha256=fingerprint.body_sha256,
            )
    except IntegrityError:
        return None


def _discard_if_stale(record: IdempotencyKey) -> bool:
    """Delete an expired record, or a claim abandoned by a dead request; True if gone."""
    now = timezone.now()
    expired = record.created_at <= now - TTL
    abandoned = record.status_code is None and record.created_at <= now - ABANDONED_AFTER
    if not (expired or abandoned):
        return False
    # Conditional on created_at: a fresh claim made meanwhile by another request survives.
    IdempotencyKey.objects.filter(pk=record.pk, created_at=record.created_at).delete()
    return True


def _answer(record: IdempotencyKey, fingerprint: Fingerprint) -> Exception:
    if (record.method, record.path, record.body_sha256) != (
        fingerprint.method,
        fingerprint.path,
        fingerprint.body_sha256,
    ):
        return ApiError(
            f"This {HEADER} was already used with a different request (another body or "
            "path). Use a new key for a new request.",
            code="idempotency_key_reused",
            status=422,
        )
    if record.status_code is None:
        return _in_progress()
    return Replay(_stored_response(record))


def _in_progress() -> ApiError:
    return ApiError(
        f"A request with this {HEADER} is still being processed; retry shortly.",
        code="idempotency_in_progress",
        status=409,
        headers={"Retry-After": "1"},
    )


def _stored_response(record: IdempotencyKey) -> HttpResponse:
    response = HttpResponse(bytes(record.body), status=record.status_code)
    for name, value in record.headers.items():
        response[name] = value
    response[REPLAYED_HEADER] = "true"
    return response
