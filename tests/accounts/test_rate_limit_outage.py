"""Redis unreachable: reads fail open (logged), writes and key minting fail closed (503)."""

from __future__ import annotations

import logging

import pytest

from accounts.billing import get_provider
from accounts.models import ApiKey, Plan

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.accounts.urls_for_tests")]


@pytest.fixture
def redis_down(settings):
    settings.RATELIMIT_BACKEND = "redis"
    settings.RATELIMIT_REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    settings.RATELIMIT_KEY_PREFIX = "rbtest-down:"


def test_reads_fail_open_with_a_warning(key_client, redis_down, caplog):
    holder = key_client(plan="producer")

    with caplog.at_level(logging.WARNING, logger="reelbase.ratelimit"):
        response = holder.get("/api/v2/public-echo")

    assert response.status_code == 200
    assert "letting a read through" in caplog.text


def test_writes_fail_closed_with_503_unavailable(key_client, redis_down):
    response = key_client(plan="producer").post("/api/v2/me/echo", {}, format="json")

    assert response.status_code == 503
    assert response.json()["error"]["code"] == "unavailable"


@pytest.mark.urls("config.urls")
def test_minting_a_key_fails_closed(alice_client, alice, redis_down):
    get_provider("manual").change_plan(user=alice, plan=Plan.objects.get(slug="producer"))

    response = alice_client.post("/developers/keys/new/", {"name": "during outage"})

    assert response.status_code == 503
    assert not ApiKey.objects.filter(user=alice).exists()
