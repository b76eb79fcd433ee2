"""Plans on /pricing/, self-serve demo upgrades, and staff grants."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.models import Plan

pytestmark = pytest.mark.django_db


def test_it_seeds_the_four_plans_with_their_figures():
    plans = {p.slug: p for p in Plan.objects.all()}

    assert list(plans) == ["free", "writer", "producer", "studio"]
    assert (plans["free"].api_access, plans["free"].keys_allowed()) == (False, 0)
    assert (plans["writer"].per_minute, plans["writer"].per_day, plans["writer"].me_write) == (
        10,
        10,
        False,
    )
    assert (
        plans["producer"].per_minute,
        plans["producer"].per_day,
        plans["producer"].me_write,
    ) == (60, 200, True)
    assert (plans["studio"].per_day, plans["studio"].ai, plans["studio"].price_cents) == (
        10_000,
        True,
        99_900,
    )


def test_it_shows_every_plan_and_labels_demo_billing(client, settings):
    settings.BILLING_DEMO_ENABLED = True

    page = client.get("/pricing/").content.decode()

    for name in ("Free", "Writer", "Producer", "Studio"):
        assert name in page
    assert "take no payment" in page or "takes no payment" in page or "no payment" in page


def test_it_upgrades_through_the_demo_provider(alice_client, alice, settings):
    settings.BILLING_DEMO_ENABLED = True

    response = alice_client.post("/pricing/change/", {"plan": "producer"})

    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.plan.slug == "producer"
    assert alice.subscription.provider == "demo"


def test_it_refuses_self_serve_changes_when_demo_billing_is_off(alice_client, alice, settings):
    settings.BILLING_DEMO_ENABLED = False

    alice_client.post("/pricing/change/", {"plan": "studio"})

    alice.refresh_from_db()
    assert alice.plan.slug == "free"


def test_it_answers_404_for_an_unknown_plan(alice_client, settings):
    settings.BILLING_DEMO_ENABLED = True

    assert alice_client.post("/pricing/change/", {"plan": "platinum"}).status_code == 404


def test_staff_grant_a_plan_from_the_command_line(alice):
    call_command("grant_plan", "ALICE@example.com", "studio")

    alice.refresh_from_db()
    assert alice.plan.slug == "studio"
    assert alice.subscription.provider == "manual"


def test_grant_plan_fails_clearly_for_an_unknown_user_or_plan(alice):
    with pytest.raises(CommandError, match="No user"):
        call_command("grant_plan", "nobody@example.com", "studio")
    with pytest.raises(CommandError, match="No plan"):
        call_command("grant_plan", "alice@example.com", "platinum")
