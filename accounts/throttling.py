"""The one DRF throttle of /api/v2: exact per-key, per-session and per-IP windows
(see accounts/ratelimit.py), with rate-limit headers left on the request for every response."""

from __future__ import annotations

import logging
import time

from django.http import HttpRequest
from rest_framework.permissions import SAFE_METHODS
from rest_framework.request import Request
from rest_framework.throttling import BaseThrottle

from accounts import ratelimit
from accounts.counters import CounterStoreUnavailable, Hit
from accounts.models import ApiKey
from accounts.network import client_ip
from config.api.errors import ApiError

logger = logging.getLogger("reelbase.ratelimit")


def subject_for(request: Request | HttpRequest, now: float | None = None) -> ratelimit.Subject:
    """Whom this request counts against: its key, else a session user whose plan has API
    access, else the client IP."""
    now = time.time() if now is None else now
    key = getattr(request, "auth", None)
    if not isinstance(key, ApiKey):
        key = getattr(request, "api_key", None)
    if isinstance(key, ApiKey):
        return ratelimit.key_subject(key.pk, key.user.plan, now)
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.plan.api_access:
        return ratelimit.user_subject(user.pk, user.plan, now)
    django_request = getattr(request, "_request", request)
    return ratelimit.ip_subject(client_ip(django_request), now)


def remember(request: Request | HttpRequest, subject: ratelimit.Subject, counts, now=None) -> None:
    """Leave headers and usage where config/api/views.py and /me look for them."""
    django_request = getattr(request, "_request", request)
    django_request.rate_limit_headers = ratelimit.response_headers(subject, counts, now)
    django_request.rate_limit_usage = (subject, tuple(counts))


def _binding_window(subject: ratelimit.Subject, result: Hit):
    """Of the full windows, the one that frees up last: with both the minute and the day
    used up, the honest `Retry-After` is the one to midnight."""
    full = [w for w, count in zip(subject.windows, result.counts, strict=True) if count >= w.limit]
    return max(full, key=lambda w: w.resets_at) if full else subject.windows[result.exceeded]


class PlanRateThrottle(BaseThrottle):
    """Counts the request; 429 rate_limited with Retry-After when a window is full.

    Counter store down: safe methods are let through (logged), unsafe ones get 503
    `unavailable`: better to serve catalog reads unmetered than to refuse them, but a write
    must not escape its budget.
    """

    def allow_request(self, request: Request, view) -> bool:
        now = time.time()
        subject = subject_for(request, now)
        try:
            result: Hit = ratelimit.hit(subject)
        except CounterStoreUnavailable as error:
            return self._unavailable(request, subject, error)
        remember(request, subject, result.counts, now)
        if result.allowed:
            return True
        window = _binding_window(subject, result)
        retry_after = ratelimit.seconds_until(window, now)
        raise ApiError(
            ratelimit.refusal_message(window, retry_after),
            code="rate_limited",
            status=429,
            details={"window": window.label, "limit": window.limit, "retry_after": retry_after},
            headers={"Retry-After": str(retry_after)},
        )

    def _unavailable(self, request: Request, subject: ratelimit.Subject, error) -> bool:
        if request.method in SAFE_METHODS:
            logger.warning("rate-limit store unreachable, letting a read through: %s", error)
            return True
        logger.error("rate-limit store unreachable, refusing a write: %s", error)
        raise ApiError(
            "The service is temporarily unavailable; try again shortly.",
            code="unavailable",
            status=503,
            headers={"Retry-After": "5"},
        )
