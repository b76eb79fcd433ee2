"""Fixtures of the API tests."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

# Rate counting in the database (no Redis): the counter table, its savepoint, and the
# transaction setting it relaxes.
_NOT_CATALOG = ("accounts_", "SAVEPOINT", "synchronous_commit")


@pytest.fixture
def assert_catalog_queries():
    """Like django_assert_max_num_queries, counting the catalog's own queries only: rate
    counting and key checks belong to the accounts app (pinned in its tests; Redis calls
    in production)."""

    @contextmanager
    def check(maximum: int):
        with CaptureQueriesContext(connection) as context:
            yield context
        ours = [
            q["sql"]
            for q in context.captured_queries
            if not any(mark in q["sql"] for mark in _NOT_CATALOG)
        ]
        assert len(ours) <= maximum, f"{len(ours)} queries:\n" + "\n".join(ours)

    return check
