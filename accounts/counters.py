"""Exact rate-limit counters shared by every process: Redis, or the database without it.

A request is admitted only if every one of its windows (say: this minute, this UTC day) is
below its limit, and then all of them are incremented together. Both stores do the check and
the increments atomically, so N concurrent requests against a budget of B are admitted
exactly min(N, B) times (DRF's SimpleRateThrottle reads, then writes: it over-admits).
"""

from __future__ import annotations

import functools
import logging
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import redis
from django.conf import settings
from django.db import connection, transaction

from accounts.models import RateCounter

logger = logging.getLogger("reelbase.ratelimit")

# Expired database rows are swept by roughly one request in this many.
_PRUNE_ONE_IN = 500


@dataclass(frozen=True)
class Window:
    """One fixed window of one subject, e.g. key 42 in minute 29520000."""

    bucket: str
    limit: int
    resets_at: int  # unix seconds when the window ends
    keep_until: int  # unix seconds when the counter may be forgotten
    label: str  # "minute", "day", "5 minutes": for messages


@dataclass(frozen=True)
class Hit:
    allowed: bool
    # Each window's count: after this request if admitted, as found if refused.
    counts: tuple[int, ...]
    # Index of the window that refused the request.
    exceeded: int | None = None


class CounterStoreUnavailable(Exception):
    """The counter store cannot be reached; the caller decides to fail open or closed."""


class DatabaseCounters:
    """Counters in `accounts_ratecounter`: INSERT .. ON CONFLICT DO NOTHING, then
    `UPDATE .. SET count = count + 1 WHERE count < limit RETURNING count`.

    On PostgreSQL the UPDATE waits for a concurrent writer's row lock and re-checks the
    condition against the committed count; on SQLite the write transaction is exclusive.
    Windows are always taken in the same order, so two requests never deadlock.
    """

    def hit(self, windows: Sequence[Window]) -> Hit:
        table = connection.ops.quote_name(RateCounter._meta.db_table)
        counts: list[int] = []
        with transaction.atomic(), connection.cursor() as cursor:
            for window in windows:
                count = self._claim(cursor, table, window)
                if count is None:
                    transaction.set_rollback(True)
                    break
                counts.append(count)
        if len(counts) < len(windows):
            found = self.peek(windows)
            return Hit(False, found, exceeded=len(counts))
        if random.randrange(_PRUNE_ONE_IN) == 0:
            self.prune()
        return Hit(True, tuple(counts))

    def _claim(self, cursor, table: str, window: Window) -> int | None:
        update = (
            f"UPDATE {table} SET count = count + 1 "  # noqa: S608  (table name from _meta)
            "WHERE bucket = %s AND count < %s RETURNING count"
        )
        cursor.execute(update, [window.bucket, window.limit])
        row = cursor.fetchone()
        if row is None and window.limit > 0:
            # No row yet (first request of the window), or the window is full: create the
            # row if missing and try once more; a full window fails the second time too.
            expires = connection.ops.adapt_datetimefield_value(_datetime(window.keep_until))
            cursor.execute(
                f"INSERT INTO {table} (bucket, count, expires_at) VALUES (%s, 0, %s) "  # noqa: S608
                "ON CONFLICT (bucket) DO NOTHING",
                [window.bucket, expires],
            )
            cursor.execute(update, [window.bucket, window.limit])
            row = cursor.fetchone()
        return None if row is None else int(row[0])

    def peek(self, windows: Sequence[Window]) -> tuple[int, ...]:
        found = self.counts([w.bucket for w in windows])
        return tuple(found.get(w.bucket, 0) for w in windows)

    def counts(self, buckets: Sequence[str]) -> dict[str, int]:
        rows = RateCounter.objects.filter(bucket__in=list(buckets)).values_list("bucket", "count")
        return dict(rows)

    def prune(self) -> int:
        deleted, _ = RateCounter.objects.filter(expires_at__lt=datetime.now(UTC)).delete()
        return deleted


# KEYS: the window counters; ARGV: their limits, then their lifetimes in seconds.
# Returns {exceeded index or 0, count1, count2, ...}. Redis runs a script without
# interleaving any other command, which is what makes check-then-increment exact.
_HIT_SCRIPT = """
local n = #KEYS
local counts = {}
for i = 1, n do
  counts[i] = tonumber(redis.call('GET', KEYS[i]) or '0')
end
for i = 1, n do
  if counts[i] >= tonumber(ARGV[i]) then
    return {i, unpack(counts)}
  end
end
for i = 1, n do
  counts[i] = redis.call('INCR', KEYS[i])
  if counts[i] == 1 then
    redis.call('EXPIRE', KEYS[i], ARGV[n + i])
  end
end
return {0, unpack(counts)}
"""


class RedisCounters:
    """Counters in Redis, checked and incremented by one Lua script per request."""

    def __init__(self, url: str, prefix: str) -> None:
        # Short timeouts: a dead Redis must turn into a quick fail-open/503, not a hung worker.
        self.client = redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)
        self.prefix = prefix
        self._script = self.client.register_script(_HIT_SCRIPT)

    def hit(self, windows: Sequence[Window]) -> Hit:
        now = int(datetime.now(UTC).timestamp())
        names = [self.prefix + w.bucket for w in windows]
        lifetimes = [max(1, w.keep_until - now) for w in windows]
        try:
            result = self._script(keys=names, args=[w.limit for w in windows] + lifetimes)
        except redis.RedisError as error:
            raise CounterStoreUnavailable(str(error)) from error
        exceeded, counts = int(result[0]), tuple(int(c) for c in result[1:])
        if exceeded:
            return Hit(False, counts, exceeded=exceeded - 1)
        return Hit(True, counts)

    def peek(self, windows: Sequence[Window]) -> tuple[int, ...]:
        found = self.counts([w.bucket for w in windows])
        return tuple(found.get(w.bucket, 0) for w in windows)

    def counts(self, buckets: Sequence[str]) -> dict[str, int]:
        if not buckets:
            return {}
        try:
            values = self.client.mget([self.prefix + b for b in buckets])
        except redis.RedisError as error:
            raise CounterStoreUnavailable(str(error)) from error
        return {b: int(v) for b, v in zip(buckets, values, strict=True) if v is not None}


def _datetime(unix: int) -> datetime:
    return datetime.fromtimestamp(unix, UTC)


@functools.cache
def _redis_counters(url: str, prefix: str) -> RedisCounters:
    return RedisCounters(url, prefix)


def counter_store() -> DatabaseCounters | RedisCounters:
    """The configured store: RATELIMIT_BACKEND is "redis" when REDIS_URL is set."""
    if settings.RATELIMIT_BACKEND == "redis":
        return _redis_counters(settings.RATELIMIT_REDIS_URL, settings.RATELIMIT_KEY_PREFIX)
    return DatabaseCounters()
