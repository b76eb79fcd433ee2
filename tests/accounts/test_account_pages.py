"""Sign up, log in (and its cool-off), password change and reset, settings, deletion."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
User = get_user_model()


def test_it_signs_up_and_logs_the_new_user_in(client):
    response = client.post(
        "/accounts/signup/",
        {
            "username": "carol",
            "email": "Carol@Example.com",
            "password1": "a long enough passphrase",
            "password2": "a long enough passphrase",
        },
    )

    assert response.status_code == 302
    carol = User.objects.get(username="carol")
    assert carol.email == "carol@example.com"
    assert carol.password.startswith("argon2")
    assert carol.plan.slug == "free"
    assert client.get("/accounts/settings/").status_code == 200


def test_it_refuses_a_second_account_with_the_same_email_in_other_case(client, alice):
    response = client.post(
        "/accounts/signup/",
        {
            "username": "alice2",
            "email": "ALICE@example.com",
            "password1": "a long enough passphrase",
            "password2": "a long enough passphrase",
        },
    )

    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert not User.objects.filter(username="alice2").exists()


@pytest.mark.parametrize("login", ["alice", "ALICE@example.com"])
def test_it_logs_in_with_username_or_email(client, alice, login):
    response = client.post(
        "/accounts/login/", {"username": login, "password": "correct horse battery"}
    )

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(alice.pk)


def test_it_logs_out_on_post_only(alice_client):
    assert alice_client.get("/accounts/logout/").status_code == 405
    alice_client.post("/accounts/logout/")
    assert "_auth_user_id" not in alice_client.session


def _fail_login(client, ip: str = "203.0.113.5", attempt: str = "wrong"):
    return client.post(
        "/accounts/login/", {"username": "alice", "password": attempt}, REMOTE_ADDR=ip
    )


def test_it_cools_off_after_five_failures_from_one_ip_then_lifts(client, alice, time_machine):
    time_machine.move_to(datetime(2026, 11, 22, 8, 0, tzinfo=UTC), tick=False)
    for _ in range(5):
        assert _fail_login(client).status_code == 200

    locked = _fail_login(client, attempt="correct horse battery")
    assert locked.status_code == 429
    assert "Too many attempts" in locked.content.decode()
    assert "_auth_user_id" not in client.session

    # The same account from another address is not locked: never by username alone.
    assert (
        _fail_login(client, ip="198.51.100.1", attempt="correct horse battery").status_code == 302
    )
    client.post("/accounts/logout/")

    time_machine.move_to(datetime(2026, 11, 22, 8, 15, 5, tzinfo=UTC), tick=False)
    assert _fail_login(client, attempt="correct horse battery").status_code == 302


def test_it_sends_a_password_reset_link_that_sets_a_new_password(client, alice):
    response = client.post("/accounts/password/reset/", {"email": "alice@example.com"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1

    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+/)", mail.outbox[0].body)[1]
    form_page = client.get(link, follow=True)
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(
        set_url, {"new_password1": "brand new phrase 42", "new_password2": "brand new phrase 42"}
    )

    assert done.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("brand new phrase 42")


def test_it_answers_the_same_for_an_unknown_reset_address(client):
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.com"})

    assert response.status_code == 302
    assert mail.outbox == []


def test_it_throttles_password_reset_requests_per_address_and_ip(client, alice, time_machine):
    time_machine.move_to(datetime(2026, 11, 22, 8, 0, tzinfo=UTC), tick=False)
    for _ in range(5):
        client.post("/accounts/password/reset/", {"email": "alice@example.com"})

    refused = client.post("/accounts/password/reset/", {"email": "alice@example.com"})

    assert refused.status_code == 429
    assert len(mail.outbox) == 5
    time_machine.shift(timedelta(minutes=16))
    assert (
        client.post("/accounts/password/reset/", {"email": "alice@example.com"}).status_code == 302
    )


def test_it_changes_the_password_after_checking_the_old_one(alice_client, alice):
    response = alice_client.post(
        "/accounts/password/change/",
        {
            "old_password": "correct horse battery",
            "new_password1": "another fine phrase",
            "new_password2": "another fine phrase",
        },
    )

    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("another fine phrase")


def _profile(**overrides):
    data = {"display_name": "Alice L.", "bio": "Noir, mostly.", "profile_public": "on"}
    data.update(overrides)
    return data


def test_it_saves_profile_and_privacy_and_an_avatar(alice_client, alice):
    avatar = SimpleUploadedFile("me.jpeg", PNG, content_type="image/jpeg")

    response = alice_client.post("/accounts/settings/", {**_profile(), "avatar": avatar})

    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.display_name == "Alice L."
    assert alice.profile_public is True
    assert alice.watchlist_public is False  # unchecked box
    assert alice.avatar.name.startswith(f"avatars/{alice.pk}/")
    assert alice.avatar.name.endswith(".png")  # named for what the bytes are


def test_it_refuses_an_avatar_that_is_not_an_image(alice_client, alice):
    fake = SimpleUploadedFile("me.png", b"<?php echo 1; ?>", content_type="image/png")

    response = alice_client.post("/accounts/settings/", {**_profile(), "avatar": fake})

    assert response.status_code == 200
    assert "Upload a PNG, JPEG, GIF or WebP image." in response.content.decode()
    alice.refresh_from_db()
    assert not alice.avatar
    assert alice.display_name == ""


def test_it_refuses_an_avatar_over_the_size_limit(alice_client, alice, settings):
    settings.AVATAR_MAX_BYTES = 1024
    big = SimpleUploadedFile("big.png", PNG + b"\x00" * 2048, content_type="image/png")

    response = alice_client.post("/accounts/settings/", {**_profile(), "avatar": big})

    assert "the limit is 1 KB" in response.content.decode()
    alice.refresh_from_db()
    assert not alice.avatar


def test_it_deletes_the_account_only_with_the_password_and_confirmation(alice_client, alice):
    wrong = alice_client.post("/accounts/delete/", {"password": "nope", "confirm": "on"})
    assert wrong.status_code == 200
    assert User.objects.filter(pk=alice.pk).exists()

    unconfirmed = alice_client.post("/accounts/delete/", {"password": "correct horse battery"})
    assert unconfirmed.status_code == 200
    assert User.objects.filter(pk=alice.pk).exists()

    done = alice_client.post(
        "/accounts/delete/", {"password": "correct horse battery", "confirm": "on"}
    )
    assert done.status_code == 302
    assert not User.objects.filter(pk=alice.pk).exists()


def test_it_sends_anonymous_visitors_to_log_in_for_settings(client):
    response = client.get("/accounts/settings/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_enforces_csrf_on_account_forms(alice):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(alice)

    response = strict.post("/accounts/settings/", _profile(display_name="Mallory"))

    assert response.status_code == 403
    alice.refresh_from_db()
    assert alice.display_name == ""


def test_the_deletion_page_offers_the_data_export_first(alice_client):
    page = alice_client.get("/accounts/delete/").content.decode()

    assert "/settings/letterboxd/export.zip" in page
