"""Login and password-reset throttling: a cool-off after repeated failures.

Counted per (action, username or email, client IP) in the shared cache (Redis in
production), so one attacker cannot lock a victim out from elsewhere (never by username
alone) and every lock lifts by itself after LOGIN_COOL_OFF_SECONDS (never permanent).

Why not django-axes: it covers the login form only (password-reset requests need the same
rule), and adds tables, middleware and an authentication backend for what is here two cache
keys per attempt.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache


def _key(action: str, login: str, ip: str, part: str) -> str:
    # Hashed: cache keys must stay short and printable whatever a user types as a login.
    digest = hashlib.sha256(f"{login.strip().lower()}\x00{ip}".encode()).hexdigest()[:32]
    return f"lockout:{action}:{part}:{digest}"


def seconds_locked(action: str, login: str, ip: str) -> int:
    """Seconds until this login may be tried again from this IP; 0 when not locked."""
    until = cache.get(_key(action, login, ip, "until"))
    if until is None:
        return 0
    return max(0, int(until - time.time()) + 1)


def record_failure(action: str, login: str, ip: str) -> int:
    """Count a failure; past the limit, lock for the cool-off. Returns the failure count."""
    cool_off = settings.LOGIN_COOL_OFF_SECONDS
    counter = _key(action, login, ip, "count")
    cache.add(counter, 0, timeout=cool_off)
    try:
        failures = cache.incr(counter)
    except ValueError:  # expired between add and incr
        cache.set(counter, 1, timeout=cool_off)
        failures = 1
    if failures >= settings.LOGIN_FAILURE_LIMIT:
        cache.add(_key(action, login, ip, "until"), time.time() + cool_off, timeout=cool_off)
    return failures


def clear(action: str, login: str, ip: str) -> None:
    cache.delete_many([_key(action, login, ip, "count"), _key(action, login, ip, "until")])
