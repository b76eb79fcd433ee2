"""Per-key minute windows and daily budgets, per-IP limits, and how they read in headers."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

ME = "/api/v2/me"


def test_it_sends_both_header_families_on_success(key_client, time_machine):
    time_machine.move_to(datetime(2026, 11, 22, 10, 0, 15, tzinfo=UTC), tick=False)
    holder = key_client(plan="producer")

    response = holder.get(ME)

    assert response.status_code == 200
    assert response["X-RateLimit-Limit"] == "60"
    assert response["X-RateLimit-Remaining"] == "59"
    assert response["X-RateLimit-Reset"] == str(
        int(datetime(2026, 11, 22, 10, 1, tzinfo=UTC).timestamp())
    )
    assert response["X-RateLimit-Limit-Day"] == "200"
    assert response["X-RateLimit-Remaining-Day"] == "199"
    assert response["RateLimit-Limit"] == "60"
    assert response["RateLimit-Remaining"] == "59"
    assert response["RateLimit-Reset"] == "45"


def test_it_reports_quotas_on_me_that_drop_with_each_call(key_client):
    holder = key_client(plan="producer")

    first = holder.get(ME).json()["data"]["quotas"]
    second = holder.get(ME).json()["data"]["quotas"]

    assert first["per_day"] == {**first["per_day"], "limit": 200, "remaining": 199}
    assert second["per_day"]["remaining"] == 198
    assert second["per_minute"]["remaining"] == 58


def test_it_refuses_the_eleventh_writer_request_of_the_day_until_midnight(key_client, time_machine):
    time_machine.move_to(datetime(2026, 11, 22, 23, 50, 0, tzinfo=UTC), tick=False)
    holder = key_client(plan="writer")  # 10 per minute, 10 per day
    for minute in range(10):
        time_machine.move_to(datetime(2026, 11, 22, 23, 50, minute * 5, tzinfo=UTC), tick=False)
        assert holder.get(ME).status_code == 200

    time_machine.move_to(datetime(2026, 11, 22, 23, 59, 30, tzinfo=UTC), tick=False)
    refused = holder.get(ME)

    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "rate_limited"
    assert refused["Retry-After"] == "30"  # seconds to 00:00 UTC
    assert refused["X-RateLimit-Remaining-Day"] == "0"
    assert refused["RateLimit-Remaining"] == "0"
    assert refused["RateLimit-Reset"] == "30"

    time_machine.move_to(datetime(2026, 11, 23, 0, 0, 1, tzinfo=UTC), tick=False)
    assert holder.get(ME).status_code == 200


def test_it_refuses_the_sixty_first_request_of_a_minute(key_client, time_machine, settings):
    time_machine.move_to(datetime(2026, 11, 22, 10, 0, 0, tzinfo=UTC), tick=False)
    holder = key_client(plan="producer")
    for _ in range(60):
        assert holder.get(ME).status_code == 200

    time_machine.move_to(datetime(2026, 11, 22, 10, 0, 48, tzinfo=UTC), tick=False)
    refused = holder.get(ME)

    assert refused.status_code == 429
    assert refused["Retry-After"] == "12"
    assert "minute" in refused.json()["error"]["message"]
    assert refused["X-RateLimit-Remaining-Day"] == "140"  # refused requests are not counted


def test_it_counts_each_key_separately(key_client):
    first = key_client(plan="writer")
    second = key_client(plan="writer", user=first.user)
    for _ in range(10):
        first.get(ME)

    assert first.get(ME).status_code == 429
    assert second.get(ME).status_code == 200


@pytest.mark.urls("tests.accounts.urls_for_tests")
def test_it_limits_anonymous_readers_per_ip(settings, time_machine):
    settings.ANON_RATE_LIMIT = 3
    time_machine.move_to(datetime(2026, 11, 22, 10, 1, 0, tzinfo=UTC), tick=False)
    client = APIClient()

    answers = [client.get("/api/v2/public-echo", REMOTE_ADDR="203.0.113.9") for _ in range(4)]
    elsewhere = client.get("/api/v2/public-echo", REMOTE_ADDR="198.51.100.7")

    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert [a["RateLimit-Remaining"] for a in answers] == ["2", "1", "0", "0"]
    assert answers[0]["RateLimit-Limit"] == "3"
    assert answers[3]["Retry-After"] == "240"  # the 5-minute window ends at 10:05
    assert "X-RateLimit-Limit-Day" not in answers[0]
    assert elsewhere.status_code == 200


@pytest.mark.urls("tests.accounts.urls_for_tests")
def test_it_counts_a_key_on_a_public_route_against_the_key_not_the_ip(key_client):
    holder = key_client(plan="writer")

    response = holder.get("/api/v2/public-echo")

    assert response["X-RateLimit-Limit"] == "10"
    assert response["X-RateLimit-Remaining-Day"] == "9"


def test_it_reports_per_ip_headers_on_a_refused_anonymous_request():
    response = APIClient().get(ME)

    assert response.status_code == 401
    assert response["RateLimit-Limit"] == "300"
    assert response["RateLimit-Remaining"] == "300"  # refused before counting


def test_it_sends_rate_limit_headers_on_a_url_404():
    response = APIClient().get("/api/v2/no-such-route")

    assert response.status_code == 404
    assert response["X-RateLimit-Limit"] == "300"


def test_with_minute_and_day_both_used_up_it_asks_to_wait_until_midnight(key_client, time_machine):
    time_machine.move_to(datetime(2026, 11, 22, 20, 0, 0, tzinfo=UTC), tick=False)
    holder = key_client(plan="writer")  # 10 per minute and 10 per day: both fill together
    for _ in range(10):
        holder.get(ME)

    refused = holder.get(ME)

    assert refused.status_code == 429
    assert refused["Retry-After"] == str(4 * 3600)
    assert refused.json()["error"]["details"]["window"] == "day"
