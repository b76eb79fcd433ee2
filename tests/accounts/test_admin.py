"""Staff manage plans, grant them, and see (never read) keys in the admin."""

from __future__ import annotations

import pytest

from accounts.models import ApiKey, Plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, django_user_model):
    staff = django_user_model.objects.create_superuser(
        username="root", email="root@example.com", password="x"
    )
    client.force_login(staff)
    return client


@pytest.mark.parametrize("model", ["user", "plan", "subscription", "apikey"])
def test_each_accounts_admin_page_renders(staff_client, alice, model):
    assert staff_client.get(f"/admin/accounts/{model}/").status_code == 200


def test_staff_grant_a_plan_with_the_user_action(staff_client, alice):
    response = staff_client.post(
        "/admin/accounts/user/", {"action": "grant_producer", "_selected_action": [alice.pk]}
    )

    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.plan.slug == "producer"
    assert alice.subscription.provider == "manual"


def test_staff_edit_a_plans_daily_budget(staff_client):
    writer = Plan.objects.get(slug="writer")

    page = staff_client.get(f"/admin/accounts/plan/{writer.pk}/change/")

    assert page.status_code == 200
    assert 'name="per_day"' in page.content.decode()


def test_staff_revoke_keys_but_the_page_never_shows_a_raw_key(staff_client, alice):
    from accounts.billing import get_provider

    get_provider("manual").change_plan(user=alice, plan=Plan.objects.get(slug="writer"))
    key, raw = ApiKey.issue(user=alice, name="leaked")

    page = staff_client.get(f"/admin/accounts/apikey/{key.pk}/change/").content.decode()
    staff_client.post("/admin/accounts/apikey/", {"action": "revoke", "_selected_action": [key.pk]})

    assert raw not in page
    key.refresh_from_db()
    assert not key.is_active
