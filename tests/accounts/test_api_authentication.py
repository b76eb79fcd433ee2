"""Every accepted credential form, and each way a credential is refused."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from accounts import keys
from accounts.models import ApiKey

pytestmark = pytest.mark.django_db

ME = "/api/v2/me"


def _error_code(response) -> str:
    return response.json()["error"]["code"]


@pytest.mark.parametrize(
    "credential",
    [
        {"HTTP_X_API_KEY": "{raw}"},
        {"HTTP_AUTHORIZATION": "Bearer {raw}"},
        {"HTTP_AUTHORIZATION": "Token token={raw}"},
        {"HTTP_AUTHORIZATION": 'Token token="{raw}"'},
        {"QUERY_STRING": "key={raw}"},
        {"QUERY_STRING": "api_key={raw}"},
    ],
    ids=["x-api-key", "bearer", "token-token", "token-token-quoted", "key-param", "api_key-param"],
)
def test_it_accepts_each_credential_form(key_client, credential):
    holder = key_client(plan="producer")
    extra = {name: value.format(raw=holder.raw_key) for name, value in credential.items()}

    response = APIClient().get(ME, **extra)

    assert response.status_code == 200, response.content
    assert response.json()["data"]["username"] == holder.user.username


def test_it_refuses_a_key_with_a_bad_checksum_without_looking_it_up(key_client):
    holder = key_client(plan="producer")
    tampered = holder.raw_key[:-1] + ("A" if holder.raw_key[-1] != "A" else "B")
    assert not keys.is_well_formed(tampered)

    with CaptureQueriesContext(connection) as queries:
        response = APIClient().get(ME, HTTP_X_API_KEY=tampered)

    assert response.status_code == 401
    assert _error_code(response) == "invalid_api_key"
    # The only query allowed is the anonymous rate-limit counter read for the headers.
    assert not [q for q in queries.captured_queries if "accounts_apikey" in q["sql"]]


def test_it_refuses_an_unknown_well_formed_key(db):
    response = APIClient().get(ME, HTTP_X_API_KEY=keys.generate_key())

    assert response.status_code == 401
    assert _error_code(response) == "invalid_api_key"
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_it_refuses_a_revoked_key_on_the_very_next_request(key_client):
    holder = key_client(plan="producer")
    assert holder.get(ME).status_code == 200

    ApiKey.objects.get(pk=holder.key.pk).revoke()
    response = holder.get(ME)

    assert response.status_code == 401
    assert _error_code(response) == "api_key_revoked"


def test_it_asks_for_a_key_on_a_key_only_route_with_a_401_not_a_403(db):
    response = APIClient().get(ME)

    assert response.status_code == 401
    assert _error_code(response) == "missing_api_key"
    assert "WWW-Authenticate" in response


def test_it_records_last_use_at_most_once_a_minute(key_client, time_machine):
    time_machine.move_to("2026-11-22 10:00:00Z", tick=False)
    holder = key_client(plan="producer")
    holder.get(ME)
    first = ApiKey.objects.get(pk=holder.key.pk).last_used_at

    time_machine.move_to("2026-11-22 10:00:30Z", tick=False)
    holder.get(ME)
    assert ApiKey.objects.get(pk=holder.key.pk).last_used_at == first

    time_machine.move_to("2026-11-22 10:01:30Z", tick=False)
    holder.get(ME)
    assert ApiKey.objects.get(pk=holder.key.pk).last_used_at > first


def test_it_authenticates_a_keyed_request_in_one_query(key_client, django_assert_max_num_queries):
    holder = key_client(plan="producer")
    holder.get(ME)  # last_used_at written now, so the next request does not write it

    # 1: the key joined with its owner, subscription and plan; 2-3: the minute and day
    # counters (a conditional UPDATE each: the rows exist after the first request);
    # 4-5: the savepoint around them (BEGIN/COMMIT outside a test transaction).
    with django_assert_max_num_queries(5):
        assert holder.get(ME).status_code == 200
