"""The demo accounts `make run` prints: one per plan, plus a staff superuser.

Other steps extend them (plans, reviews, lists); creating them is idempotent and
never resets a password someone has since changed.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q

DEMO_PASSWORD = "reelbase-demo"  # noqa: S105 - printed by `make run` on purpose
DEMO_DOMAIN = "demo.reelbase.test"
PLAN_USERNAMES = ("free", "writer", "producer", "studio")
ADMIN_USERNAME = "admin"


def demo_email(username: str) -> str:
    return f"{username}@{DEMO_DOMAIN}"


@transaction.atomic
def create_demo_accounts() -> dict[str, object]:
    """Make sure the demo users exist; returns them by username (admin included)."""
    users = {}
    for username in (*PLAN_USERNAMES, ADMIN_USERNAME):
        users[username] = _ensure_user(username, staff=username == ADMIN_USERNAME)
    for slug in PLAN_USERNAMES:
        _ensure_plan(users[slug], slug)
    return users


def _ensure_plan(user, slug: str) -> None:
    """Each plan user holds the plan it is named after (a staff grant, so no demo billing)."""
    from accounts.billing import get_provider
    from accounts.models import Plan

    if user.plan.slug != slug:
        get_provider("manual").change_plan(user=user, plan=Plan.objects.get(slug=slug))


def _ensure_user(username: str, *, staff: bool):
    User = get_user_model()
    email = demo_email(username)
    user = User.objects.filter(Q(username__iexact=username) | Q(email__iexact=email)).first()
    if user is None:
        user = User(username=username, email=email, display_name=username.title())
        user.set_password(DEMO_PASSWORD)
        user.is_staff = user.is_superuser = staff
        user.save()
    elif staff and not (user.is_staff and user.is_superuser):
        user.is_staff = user.is_superuser = True
        user.save(update_fields=["is_staff", "is_superuser"])
    return user


def demo_logins() -> list[str]:
    """Lines to print after seeding: who can log in, with which password."""
    lines = [f"  {demo_email(name):<32} plan: {name}" for name in PLAN_USERNAMES]
    lines.append(f"  {demo_email(ADMIN_USERNAME):<32} staff: /admin/")
    return [f"Demo logins (password {DEMO_PASSWORD}):", *lines]
