"""The demo accounts of `seed_demo` hold the plans they are named after."""

from __future__ import annotations

import pytest

from accounts.demo import create_demo_accounts

pytestmark = pytest.mark.django_db


def test_each_demo_account_holds_its_plan_and_a_rerun_changes_nothing(
    django_assert_max_num_queries,
):
    users = create_demo_accounts()

    assert {name: users[name].plan.slug for name in ("free", "writer", "producer", "studio")} == {
        "free": "free",
        "writer": "writer",
        "producer": "producer",
        "studio": "studio",
    }
    again = create_demo_accounts()
    assert again["producer"].subscription.pk == users["producer"].subscription.pk
