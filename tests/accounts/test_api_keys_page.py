"""The keys page: mint once, at most five, revoke, usage chart, plans without API access."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from rest_framework.test import APIClient

from accounts import keys
from accounts.billing import get_provider
from accounts.models import ApiKey, Plan

pytestmark = pytest.mark.django_db

KEY_PATTERN = re.compile(r"rb_[0-9A-Za-z]{36}")


def _on_plan(user, slug: str):
    get_provider("manual").change_plan(user=user, plan=Plan.objects.get(slug=slug))


def _mint(client, name: str = "laptop"):
    return client.post("/developers/keys/new/", {"name": name})


def test_it_shows_a_new_key_once_and_stores_only_its_hash(alice_client, alice):
    _on_plan(alice, "producer")

    response = _mint(alice_client)

    raw = KEY_PATTERN.search(response.content.decode())[0]
    assert keys.is_well_formed(raw)
    stored = ApiKey.objects.get(user=alice)
    assert stored.name == "laptop"
    assert stored.prefix == raw[:11]
    assert stored.hashed == keys.keyed_hash(raw) != raw
    assert raw not in alice_client.get("/developers/keys/").content.decode()
    assert APIClient().get("/api/v2/me", HTTP_X_API_KEY=raw).status_code == 200


def test_it_refuses_a_sixth_active_key_with_a_clear_message(alice_client, alice):
    _on_plan(alice, "producer")
    for n in range(5):
        _mint(alice_client, f"key {n}")

    refused = _mint(alice_client, "one too many")

    assert refused.status_code == 409
    assert "already have 5 active keys" in refused.content.decode()
    assert ApiKey.objects.filter(user=alice).count() == 5


def test_it_allows_a_new_key_once_one_is_revoked(alice_client, alice):
    _on_plan(alice, "producer")
    for n in range(5):
        _mint(alice_client, f"key {n}")
    oldest = ApiKey.objects.filter(user=alice).last()

    alice_client.post(f"/developers/keys/{oldest.pk}/revoke/")

    assert _mint(alice_client, "replacement").status_code == 200
    assert ApiKey.objects.filter(user=alice).active().count() == 5


def test_it_revokes_a_key_with_immediate_effect(alice_client, alice):
    _on_plan(alice, "producer")
    key, raw = ApiKey.issue(user=alice, name="ci")

    response = alice_client.post(f"/developers/keys/{key.pk}/revoke/")

    assert response.status_code == 302
    refused = APIClient().get("/api/v2/me", HTTP_X_API_KEY=raw)
    assert refused.json()["error"]["code"] == "api_key_revoked"


def test_it_hides_alices_keys_from_bob_and_will_not_let_him_revoke_them(alice, bob, client):
    _on_plan(alice, "producer")
    _on_plan(bob, "producer")
    key, _ = ApiKey.issue(user=alice, name="alice's secret project")
    client.force_login(bob)

    page = client.get("/developers/keys/")
    revoke = client.post(f"/developers/keys/{key.pk}/revoke/")

    assert "alice&#x27;s secret project" not in page.content.decode()
    assert revoke.status_code == 404
    key.refresh_from_db()
    assert key.is_active


def test_it_explains_plans_without_api_access_instead_of_a_mint_button(alice_client, alice):
    page = alice_client.get("/developers/keys/").content.decode()

    assert "Your plan has no API access" in page
    assert 'href="/pricing/"' in page
    assert "Create key" not in page
    assert _mint(alice_client).status_code == 409
    assert not ApiKey.objects.filter(user=alice).exists()


def test_it_charts_each_keys_requests_per_day(alice_client, alice):
    _on_plan(alice, "producer")
    key, raw = ApiKey.issue(user=alice, name="chart")
    for _ in range(3):
        APIClient().get("/api/v2/me", HTTP_X_API_KEY=raw)

    page = alice_client.get("/developers/keys/").content.decode()

    assert "3 requests in the last 30 days" in page
    assert page.count("<rect ") == 30


def test_it_lists_keys_in_a_fixed_number_of_queries(
    alice_client, alice, django_assert_max_num_queries
):
    _on_plan(alice, "producer")
    for n in range(5):
        ApiKey.issue(user=alice, name=f"k{n}")

    # session, user, subscription + plan (select_related through user.plan: 2), active keys,
    # the usage counters of all keys at once; +1 slack for the messages framework.
    with django_assert_max_num_queries(7):
        assert alice_client.get("/developers/keys/").status_code == 200


def test_it_refuses_a_key_form_post_without_csrf(alice):
    _on_plan(alice, "producer")
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(alice)

    assert strict.post("/developers/keys/new/", {"name": "x"}).status_code == 403
    assert not ApiKey.objects.filter(user=alice).exists()
