"""A Redis of its own for a test: a dedicated database number and a unique key prefix, so
parallel runs never see each other's counters; keys are deleted afterwards."""

from __future__ import annotations

import os
import uuid

import pytest
import redis

TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/13")


@pytest.fixture
def redis_counters(settings):
    client = redis.Redis.from_url(TEST_REDIS_URL, socket_connect_timeout=0.5)
    try:
        client.ping()
    except redis.RedisError as error:
        pytest.skip(f"no Redis at {TEST_REDIS_URL}: {error}")
    prefix = f"rbtest:{uuid.uuid4().hex[:12]}:"
    settings.RATELIMIT_BACKEND = "redis"
    settings.RATELIMIT_REDIS_URL = TEST_REDIS_URL
    settings.RATELIMIT_KEY_PREFIX = prefix
    yield client
    names = list(client.scan_iter(match=prefix + "*", count=1000))
    if names:
        client.delete(*names)
