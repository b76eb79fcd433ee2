"""Who is calling: the client IP address, trusting only as many proxies as configured."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """REMOTE_ADDR, or with TRUSTED_PROXY_HOPS=n the n-th address from the right of
    X-Forwarded-For (each trusted proxy appends the address it received from)."""
    hops = settings.TRUSTED_PROXY_HOPS
    if hops > 0:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [a for a in forwarded if a]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return request.META.get("REMOTE_ADDR", "") or "unknown"
