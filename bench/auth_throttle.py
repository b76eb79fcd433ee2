"""What the API-key authentication + plan permission + exact rate limit cost per request.

Times the same trivial DRF view through the whole Django stack four ways, interleaved in
rounds so machine noise hits all of them alike, and prints medians:

  bare         no authentication, permission or throttle
  key+db       X-API-Key, plan permission, counters in the database (conditional UPDATEs)
  key+redis    the same with counters in Redis (one Lua script), when Redis answers
  anon+db      no key: a public route counted per client IP

Usage:  .venv/bin/python bench/auth_throttle.py [--requests 2000]
        DATABASE_URL=postgres://postgres@127.0.0.1:5432/rb_bench ... to run on PostgreSQL
        (the database is migrated; the bench user, plan and key are created each run).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("SECRET_KEY", "bench-only")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/reelbase-bench-accounts.sqlite3")
os.environ.setdefault("LOG_LEVEL", "ERROR")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import path  # noqa: E402
from rest_framework.permissions import AllowAny  # noqa: E402
from rest_framework.request import Request  # noqa: E402

from config.api.views import ApiView, json_response  # noqa: E402


class BareView(ApiView):
    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes: list = []

    def get(self, request: Request):
        return json_response({"data": {"ok": True}})


class KeyedView(ApiView):
    def get(self, request: Request):
        return json_response({"data": {"ok": True}})


class PublicView(KeyedView):
    public = True


# The bare view lives outside /api/ so the rate-limit header middleware skips it entirely.
urlpatterns = [
    path("bench/bare", BareView.as_view()),
    path("api/bench/keyed", KeyedView.as_view()),
    path("api/bench/public", PublicView.as_view()),
]


def _setup_key() -> str:
    from accounts.billing import get_provider
    from accounts.models import ApiKey, Plan, User

    call_command("migrate", verbosity=0)
    plan, _ = Plan.objects.update_or_create(
        slug="bench",
        defaults={
            "name": "Bench",
            "rank": 999,
            "api_access": True,
            "per_minute": 10**9,
            "per_day": 10**9,
        },
    )
    user, _ = User.objects.get_or_create(username="bench", defaults={"email": "bench@example.com"})
    get_provider("manual").change_plan(user=user, plan=plan)
    ApiKey.objects.filter(user=user).delete()
    _, raw = ApiKey.issue(user=user, name="bench")
    return raw


def _redis_reachable() -> bool:
    import redis

    try:
        return bool(
            redis.Redis.from_url(settings.RATELIMIT_REDIS_URL, socket_connect_timeout=0.5).ping()
        )
    except redis.RedisError:
        return False


def _time(client: Client, url: str, headers: dict, backend: str) -> int:
    settings.RATELIMIT_BACKEND = backend
    start = time.perf_counter_ns()
    response = client.get(url, **headers)
    elapsed = time.perf_counter_ns() - start
    assert response.status_code == 200, (url, response.status_code, response.content[:200])
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=2000)
    args = parser.parse_args()

    settings.ROOT_URLCONF = __name__
    settings.ALLOWED_HOSTS = ["*"]
    # A Redis database and key prefix of its own; the keys are deleted at the end.
    settings.RATELIMIT_REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
    settings.RATELIMIT_KEY_PREFIX = f"rbbench:{uuid.uuid4().hex[:8]}:"
    settings.ANON_RATE_LIMIT = 10**9
    raw = _setup_key()
    key = {"HTTP_X_API_KEY": raw}
    variants = {
        "bare": ("/bench/bare", {}, "database"),
        "key+db": ("/api/bench/keyed", key, "database"),
        "anon+db": ("/api/bench/public", {}, "database"),
    }
    if _redis_reachable():
        variants["key+redis"] = ("/api/bench/keyed", key, "redis")
    client = Client()
    samples: dict[str, list[int]] = {name: [] for name in variants}
    for url, headers, backend in variants.values():  # warm up caches and counter rows
        for _ in range(20):
            _time(client, url, headers, backend)
    for _ in range(args.requests):
        for name, (url, headers, backend) in variants.items():
            samples[name].append(_time(client, url, headers, backend))

    bare = statistics.median(samples["bare"])
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(f"{args.requests} requests per variant, database: {engine}")
    print(f"{'variant':<10} {'median µs':>10} {'p90 µs':>9} {'added µs':>9} {'ratio':>6}")
    for name, values in samples.items():
        median = statistics.median(values)
        p90 = statistics.quantiles(values, n=10)[-1]
        print(
            f"{name:<10} {median / 1000:>10.0f} {p90 / 1000:>9.0f} "
            f"{(median - bare) / 1000:>9.0f} {median / bare:>6.2f}"
        )
    _components(raw, args.requests, "key+redis" in variants)
    _cleanup_redis()


def _median_us(function, repeat: int) -> float:
    values = []
    for _ in range(repeat):
        start = time.perf_counter_ns()
        function()
        values.append(time.perf_counter_ns() - start)
    return statistics.median(values) / 1000


def _components(raw: str, repeat: int, with_redis: bool) -> None:
    """The two pieces of the path on their own: where the added time goes."""
    from accounts import ratelimit
    from accounts.models import ApiKey

    key = ApiKey.objects.for_key(raw)
    subject = ratelimit.key_subject(key.pk, key.user.plan)
    print("components (median µs):")
    lookup = _median_us(lambda: ApiKey.objects.for_key(raw), repeat)
    print(f"  key lookup (ApiKey.objects.for_key)   {lookup:8.0f}")
    for backend in ("database", "redis") if with_redis else ("database",):
        settings.RATELIMIT_BACKEND = backend
        cost = _median_us(lambda: ratelimit.hit(subject), repeat)
        print(f"  counter hit, {backend:<8} (minute + day) {cost:8.0f}")


def _cleanup_redis() -> None:
    if not _redis_reachable():
        return
    import redis

    client = redis.Redis.from_url(settings.RATELIMIT_REDIS_URL)
    names = list(client.scan_iter(match=settings.RATELIMIT_KEY_PREFIX + "*", count=1000))
    if names:
        client.delete(*names)


if __name__ == "__main__":
    main()
