"""Plan changes go through a billing provider. No real payment processor is reachable, so
two ship: `manual` (staff grant in the admin or `manage.py grant_plan`) and `demo`
(self-serve on /pricing/, takes no payment, on when BILLING_DEMO_ENABLED).

A real provider (Stripe, Paddle…) would implement the same two methods: `available()` and
`change_plan(...)`, the latter called once the processor confirms payment.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import Plan, Subscription, User


class ProviderUnavailable(Exception):
    """The provider is switched off in this deployment."""


class BillingProvider:
    name: ClassVar[str]
    takes_payment: ClassVar[bool] = False

    def available(self) -> bool:
        return True

    @transaction.atomic
    def change_plan(self, *, user: User, plan: Plan) -> Subscription:
        if not self.available():
            raise ProviderUnavailable(f"The {self.name} billing provider is switched off.")
        subscription, created = Subscription.objects.select_for_update().get_or_create(
            user=user, defaults={"plan": plan, "provider": self.name}
        )
        if not created:
            subscription.plan, subscription.provider = plan, self.name
            subscription.started_at = timezone.now()
            subscription.save(update_fields=["plan", "provider", "started_at", "updated_at"])
        # A cached `user.subscription` would otherwise keep answering with the old plan.
        user.subscription = subscription
        return subscription


class ManualProvider(BillingProvider):
    """Staff decide; used by the admin and `manage.py grant_plan`."""

    name = Subscription.Provider.MANUAL


class DemoProvider(BillingProvider):
    """Self-serve upgrades and downgrades for demos and development. No money moves."""

    name = Subscription.Provider.DEMO

    def available(self) -> bool:
        return settings.BILLING_DEMO_ENABLED


PROVIDERS: dict[str, BillingProvider] = {p.name: p for p in (ManualProvider(), DemoProvider())}


def get_provider(name: str) -> BillingProvider:
    return PROVIDERS[name]
