"""Rate-limit headers on every /api/ response, including those no throttle saw (401s,
403s, URL 404s): they then report the caller's current counts without counting."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from accounts import ratelimit
from accounts.counters import CounterStoreUnavailable
from accounts.throttling import subject_for

logger = logging.getLogger("reelbase.ratelimit")


class RateLimitHeadersMiddleware:
    """Must sit outside config.api.middleware.ApiErrorMiddleware, which rebuilds some
    error responses and would drop headers added inside it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path_info.startswith("/api/") or "X-RateLimit-Limit" in response:
            return response
        headers = getattr(request, "rate_limit_headers", None) or self._current(request)
        for name, value in headers.items():
            response[name] = value
        return response

    def _current(self, request: HttpRequest) -> dict[str, str]:
        subject = subject_for(request)
        try:
            counts = ratelimit.peek(subject)
        except CounterStoreUnavailable as error:
            logger.warning("rate-limit store unreachable, headers left out: %s", error)
            return {}
        return ratelimit.response_headers(subject, counts)
