"""create_api_key and revoke_api_key: the keys page's rules, from the command line."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts import keys
from accounts.models import ApiKey

pytestmark = pytest.mark.django_db


def _create(email: str, name: str = "ops") -> str:
    out = StringIO()
    call_command("create_api_key", email, "--name", name, stdout=out, stderr=StringIO())
    return out.getvalue().strip()


def test_it_prints_a_new_key_once(alice):
    call_command("grant_plan", "alice@example.com", "producer", stdout=StringIO())

    raw = _create("alice@example.com", "nightly import")

    assert keys.is_well_formed(raw)
    assert ApiKey.objects.for_key(raw).name == "nightly import"


def test_it_refuses_a_plan_without_api_access(alice):
    with pytest.raises(CommandError, match="does not include API keys"):
        _create("alice@example.com")


def test_it_refuses_a_sixth_key(alice):
    call_command("grant_plan", "alice@example.com", "writer", stdout=StringIO())
    for _ in range(5):
        _create("alice@example.com")

    with pytest.raises(CommandError, match="5 active keys"):
        _create("alice@example.com")


@pytest.mark.parametrize("form", ["full", "prefix"])
def test_it_revokes_by_full_key_or_prefix(alice, form):
    call_command("grant_plan", "alice@example.com", "producer", stdout=StringIO())
    raw = _create("alice@example.com")

    call_command("revoke_api_key", raw if form == "full" else raw[:11], stdout=StringIO())

    assert not ApiKey.objects.for_key(raw).is_active
    with pytest.raises(CommandError, match="already revoked|No active key"):
        call_command("revoke_api_key", raw if form == "full" else raw[:11], stdout=StringIO())
