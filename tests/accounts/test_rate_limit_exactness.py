"""N concurrent requests from several processes against a budget of B: exactly min(N, B)
succeed, with counters in real PostgreSQL or real Redis.

The test itself stays an ordinary (rolled back) database test: the key the workers use is
created and deleted by helper processes on connections of their own, so nothing here
flushes the database under the tests that run after it.
"""

from __future__ import annotations

import multiprocessing
import uuid

import pytest
from django.conf import settings
from django.db import connections

from tests.accounts.redis_support import redis_counters  # noqa: F401  (fixture)

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        not settings.IS_POSTGRES, reason="needs PostgreSQL: several processes share one database"
    ),
    pytest.mark.django_db,
]

PROCESSES = 8
REQUESTS_EACH = 5
BUDGET = 13
_INHERITED: list = []


def _own_connections() -> None:
    """In a forked child: open fresh connections, leaving the parent's socket alone (closing
    it here would end the parent's session and its test transaction)."""
    for conn in connections.all():
        _INHERITED.append(conn.connection)
        conn.connection = None


def _in_child(function, *args):
    context = multiprocessing.get_context("fork")
    results = context.Queue()

    def run():
        _own_connections()
        results.put(function(*args))
        connections.close_all()

    child = context.Process(target=run)
    child.start()
    value = results.get(timeout=60)
    child.join(timeout=30)
    return value


def _create_budget_key(slug: str) -> str:
    from accounts.billing import get_provider
    from accounts.models import ApiKey, Plan, User

    plan = Plan.objects.create(
        slug=slug, name=slug, rank=99, api_access=True, per_minute=10_000, per_day=BUDGET
    )
    user = User.objects.create_user(username=slug, email=f"{slug}@example.com", password="x")
    get_provider("manual").change_plan(user=user, plan=plan)
    return ApiKey.issue(user=user, name="hammer")[1]


def _delete_budget_key(slug: str) -> bool:
    from accounts.models import Plan, User

    User.objects.filter(username=slug).delete()
    Plan.objects.filter(slug=slug).delete()
    return True


def _worker(raw_key: str, barrier, results) -> None:
    from django.test import Client

    _own_connections()
    client = Client()
    barrier.wait(timeout=30)
    statuses = [
        client.get("/api/v2/me", HTTP_X_API_KEY=raw_key).status_code for _ in range(REQUESTS_EACH)
    ]
    results.put(statuses)
    connections.close_all()


def _hammer(raw_key: str) -> list[int]:
    """Fork PROCESSES workers that start together; returns every status code."""
    context = multiprocessing.get_context("fork")
    barrier, results = context.Barrier(PROCESSES), context.Queue()
    workers = [
        context.Process(target=_worker, args=(raw_key, barrier, results)) for _ in range(PROCESSES)
    ]
    for worker in workers:
        worker.start()
    statuses = [status for _ in workers for status in results.get(timeout=120)]
    for worker in workers:
        worker.join(timeout=30)
    return statuses


@pytest.fixture
def budget_key():
    slug = f"hammer-{uuid.uuid4().hex[:8]}"
    raw = _in_child(_create_budget_key, slug)
    yield raw
    _in_child(_delete_budget_key, slug)


def test_the_database_counters_admit_exactly_the_budget_across_processes(budget_key, settings):
    settings.RATELIMIT_BACKEND = "database"

    statuses = _hammer(budget_key)

    assert len(statuses) == PROCESSES * REQUESTS_EACH
    assert statuses.count(200) == BUDGET
    assert statuses.count(429) == PROCESSES * REQUESTS_EACH - BUDGET


def test_the_redis_counters_admit_exactly_the_budget_across_processes(budget_key, redis_counters):  # noqa: F811
    statuses = _hammer(budget_key)

    assert len(statuses) == PROCESSES * REQUESTS_EACH
    assert statuses.count(200) == BUDGET
    assert statuses.count(429) == PROCESSES * REQUESTS_EACH - BUDGET


def _mint_for(username: str, barrier, results) -> None:
    from accounts.models import ApiKey, KeyLimitReached, User

    _own_connections()
    user = User.objects.get(username=username)
    barrier.wait(timeout=30)
    try:
        ApiKey.issue(user=user, name="race")
        results.put("minted")
    except KeyLimitReached:
        results.put("refused")
    connections.close_all()


def test_concurrent_minting_never_passes_five_active_keys(budget_key):
    from accounts.models import ApiKey

    username = ApiKey.objects.for_key(budget_key).user.username  # holds 1 key already
    context = multiprocessing.get_context("fork")
    barrier, results = context.Barrier(PROCESSES), context.Queue()
    workers = [
        context.Process(target=_mint_for, args=(username, barrier, results))
        for _ in range(PROCESSES)
    ]
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(timeout=30)

    assert outcomes.count("minted") == 4
    assert outcomes.count("refused") == PROCESSES - 4
