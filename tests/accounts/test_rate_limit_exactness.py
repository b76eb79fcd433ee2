"""N concurrent requests from several processes against a budget of B: exactly min(N, B)
succeed, with counters in real PostgreSQL or real Redis."""

from __future__ import annotations

import multiprocessing

import pytest
from django.db import connection, connections

from accounts.billing import get_provider
from accounts.models import ApiKey, Plan
from tests.accounts.redis_support import redis_counters  # noqa: F401  (fixture)

PROCESSES = 8
REQUESTS_EACH = 5
BUDGET = 13


def _worker(raw_key: str, barrier, results) -> None:
    from django.test import Client

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
    connections.close_all()  # each child opens its own connection
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
def budget_key(django_user_model) -> str:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: several processes must share one database")
    plan = Plan.objects.create(
        slug="budget-test",
        name="Budget test",
        rank=99,
        api_access=True,
        per_minute=10_000,
        per_day=BUDGET,
    )
    user = django_user_model.objects.create_user(
        username="hammer", email="hammer@example.com", password="x"
    )
    get_provider("manual").change_plan(user=user, plan=plan)
    _, raw = ApiKey.issue(user=user, name="hammer")
    return raw


# Committed rows, so the forked processes see the key; serialized_rollback because the flush
# after a transactional test would otherwise drop the seeded plans for later tests.
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_database_counters_admit_exactly_the_budget_across_processes(budget_key, settings):
    settings.RATELIMIT_BACKEND = "database"

    statuses = _hammer(budget_key)

    assert len(statuses) == PROCESSES * REQUESTS_EACH
    assert statuses.count(200) == BUDGET
    assert statuses.count(429) == PROCESSES * REQUESTS_EACH - BUDGET


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_redis_counters_admit_exactly_the_budget_across_processes(budget_key, redis_counters):  # noqa: F811
    statuses = _hammer(budget_key)

    assert len(statuses) == PROCESSES * REQUESTS_EACH
    assert statuses.count(200) == BUDGET
    assert statuses.count(429) == PROCESSES * REQUESTS_EACH - BUDGET
