"""Journey (c): a developer upgrades, mints a key, calls the API from the playground, revokes it."""

import re

import pytest

from tests.web.showcase_data import build_showcase_catalog

pytestmark = [
    pytest.mark.browser,
    # serialized_rollback: the plans come from a data migration, which a flush would remove.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def run_playground(page, path: str, key: str) -> str:
    page.get_by_role("textbox", name="Request").fill(path)
    page.get_by_role("textbox", name="API key").fill(key)
    page.get_by_role("button", name="Run request").click()
    status = page.locator("[data-status]")
    page.wait_for_function("document.querySelector('[data-status]').textContent !== '—'")
    return status.inner_text()


def test_developer(journey, settings, django_user_model):
    settings.BILLING_DEMO_ENABLED = True
    build_showcase_catalog()
    django_user_model.objects.create_user(
        username="dana", email="dana@example.com", password="a long passphrase 42"
    )
    page = journey.page

    journey.go("/accounts/login/?next=/pricing/")
    page.get_by_label("Username or email").fill("dana")
    page.get_by_label("Password").fill("a long passphrase 42")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/pricing/$"))
    journey.snap("pricing")

    page.get_by_role("button", name=re.compile(r"Upgrade to Producer")).click()
    page.wait_for_url(re.compile(r"/pricing/$"))
    assert "You are now on the Producer plan" in page.content()
    journey.snap("upgraded")

    journey.go("/developers/keys/")
    page.get_by_label("Name").fill("playground")
    page.get_by_role("button", name="Create key").click()
    raw_key = page.locator("#new-key-value").input_value()
    assert re.fullmatch(r"rb_[0-9A-Za-z]{36}", raw_key)
    journey.snap("key-shown-once")
    journey.go("/developers/keys/")
    assert raw_key not in page.content() and raw_key[:11] in page.content()

    journey.go("/developers/")
    assert f"X-API-Key: {raw_key[:11]}…" in page.content()  # the visitor's own key prefix
    assert run_playground(page, "/api/v2/me", raw_key) == "200"
    assert '"username": "dana"' in page.locator("[data-body]").inner_text()
    assert "ratelimit-remaining" in page.locator("[data-headers]").inner_text().lower()
    journey.snap("playground-with-key")

    journey.go("/developers/keys/")
    page.get_by_role("button", name="Revoke key playground").click()
    page.wait_for_load_state()
    assert "revoked" in page.locator(".messages").inner_text()
    assert page.get_by_text("No active keys yet.").is_visible()
    journey.snap("key-revoked")

    journey.go("/developers/")
    with journey.expecting(r"/api/v2/me|status of 401"):
        assert run_playground(page, "/api/v2/me", raw_key) == "401"
        assert "api_key_revoked" in page.locator("[data-body]").inner_text()
        journey.snap("playground-refused")
