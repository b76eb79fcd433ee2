"""Who is counted against which windows, and how the result reads in response headers.

Per API key: a one-minute window and a UTC-day budget from the owner's plan. A browser
session of a user whose plan has API access: the same windows, per user. Anonymous callers
(and Free users' sessions) on public read routes: 300 requests per 5 minutes per client IP.
Fixed windows aligned to the clock: exact to count, easy to explain in `Retry-After`.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.conf import settings

from accounts.counters import Hit, Window, counter_store
from accounts.models import Plan

DAY = 86_400
# Day counters outlive their day by this long so the keys page can chart the last 30 days.
USAGE_HISTORY_DAYS = 31


@dataclass(frozen=True)
class Subject:
    """Whom a request is counted against: `k42` (a key), `u7` (a session), `ip:…`."""

    name: str
    windows: tuple[Window, ...]


def _fixed(bucket_prefix: str, span: int, limit: int, now: float, label: str) -> Window:
    index = int(now) // span
    resets_at = (index + 1) * span
    return Window(
        bucket=f"{bucket_prefix}:{span}:{index}",
        limit=limit,
        resets_at=resets_at,
        keep_until=resets_at + 5,
        label=label,
    )


def day_bucket(subject: str, day_number: int) -> str:
    return f"{subject}:d:{day_number}"


def _day(subject: str, limit: int, now: float) -> Window:
    index = int(now) // DAY  # unix days are UTC days
    resets_at = (index + 1) * DAY
    return Window(
        bucket=day_bucket(subject, index),
        limit=limit,
        resets_at=resets_at,
        keep_until=resets_at + USAGE_HISTORY_DAYS * DAY,
        label="day",
    )


def plan_subject(name: str, plan: Plan, now: float) -> Subject:
    return Subject(
        name, (_fixed(name, 60, plan.per_minute, now, "minute"), _day(name, plan.per_day, now))
    )


def key_subject(key_id: int, plan: Plan, now: float | None = None) -> Subject:
    return plan_subject(f"k{key_id}", plan, time.time() if now is None else now)


def user_subject(user_id: int, plan: Plan, now: float | None = None) -> Subject:
    return plan_subject(f"u{user_id}", plan, time.time() if now is None else now)


def ip_subject(ip: str, now: float | None = None) -> Subject:
    now = time.time() if now is None else now
    span = settings.ANON_RATE_WINDOW_SECONDS
    name = f"ip:{ip}"
    return Subject(
        name, (_fixed(name, span, settings.ANON_RATE_LIMIT, now, f"{span // 60} minutes"),)
    )


def seconds_until(window: Window, now: float | None = None) -> int:
    now = time.time() if now is None else now
    return max(1, math.ceil(window.resets_at - now))


def response_headers(
    subject: Subject, counts: Sequence[int], now: float | None = None
) -> dict[str, str]:
    """Both header families of api-conventions.md.

    `X-RateLimit-*` describe the short window (plus `-Day` for the daily budget);
    `RateLimit-*` describe whichever window is closest to running out, so a client that
    only reads those is never surprised by a 429.
    """
    now = time.time() if now is None else now
    windows = subject.windows
    remaining = [max(0, w.limit - c) for w, c in zip(windows, counts, strict=True)]
    tightest = min(range(len(windows)), key=lambda i: remaining[i])
    short = windows[0]
    headers = {
        "RateLimit-Limit": str(windows[tightest].limit),
        "RateLimit-Remaining": str(remaining[tightest]),
        "RateLimit-Reset": str(seconds_until(windows[tightest], now)),
        "X-RateLimit-Limit": str(short.limit),
        "X-RateLimit-Remaining": str(remaining[0]),
        "X-RateLimit-Reset": str(short.resets_at),
    }
    if len(windows) > 1:
        headers["X-RateLimit-Limit-Day"] = str(windows[1].limit)
        headers["X-RateLimit-Remaining-Day"] = str(remaining[1])
    return headers


def refusal_message(window: Window, retry_after: int) -> str:
    if window.label == "day":
        return (
            f"Daily budget of {window.limit} requests used up; it resets at 00:00 UTC, "
            f"in {retry_after} seconds."
        )
    return (
        f"Rate limit of {window.limit} requests per {window.label} exceeded. "
        f"Retry after {retry_after} seconds."
    )


def hit(subject: Subject) -> Hit:
    return counter_store().hit(subject.windows)


def peek(subject: Subject) -> tuple[int, ...]:
    return counter_store().peek(subject.windows)


def daily_usage(
    key_ids: Sequence[int], days: int = 30, now: float | None = None
) -> dict[int, list[tuple[date, int]]]:
    """Requests per UTC day for each key over the last `days` days, oldest first.

    One round trip to the counter store for all keys (at most 5 keys × 30 days).
    """
    now = time.time() if now is None else now
    today = int(now) // DAY
    day_numbers = range(today - days + 1, today + 1)
    buckets = {(k, d): day_bucket(f"k{k}", d) for k in key_ids for d in day_numbers}
    found = counter_store().counts(list(buckets.values()))
    return {
        k: [
            (datetime.fromtimestamp(d * DAY, UTC).date(), found.get(buckets[k, d], 0))
            for d in day_numbers
        ]
        for k in key_ids
    }
