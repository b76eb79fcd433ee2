from __future__ import annotations

import hmac
import uuid
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models, transaction
from django.db.models.functions import Lower
from django.utils import timezone

from accounts import keys

# How stale `ApiKey.last_used_at` may get before a request writes it again.
LAST_USED_RESOLUTION = timedelta(minutes=1)


class ReelbaseUserManager(UserManager):
    def get_by_login(self, login: str) -> User:
        """The user whose username or email matches `login`, case-insensitively."""
        login = login.strip()
        field = "email__iexact" if "@" in login else "username__iexact"
        return self.get(**{field: login})


def avatar_upload_to(user: User, filename: str) -> str:
    # A fresh name per upload: browsers and proxies never serve a stale avatar.
    extension = filename.rsplit(".", 1)[-1].lower()
    return f"avatars/{user.pk}/{uuid.uuid4().hex}.{extension}"


class User(AbstractUser):
    """A Reelbase member. Logs in with either username or email."""

    email = models.EmailField("email address", unique=True)
    display_name = models.CharField(max_length=80, blank=True)
    bio = models.TextField(max_length=2000, blank=True)
    avatar = models.FileField(upload_to=avatar_upload_to, blank=True)
    profile_public = models.BooleanField(
        default=True, help_text="Others can see the profile page, diary and reviews."
    )
    watchlist_public = models.BooleanField(default=True, help_text="Others can see the watchlist.")

    objects = ReelbaseUserManager()

    REQUIRED_FIELDS = ["email"]

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("username"), name="accounts_user_username_ci_unique"),
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.username

    @property
    def public_name(self) -> str:
        return self.display_name or self.username

    @property
    def plan(self) -> Plan:
        """The plan of the user's subscription; Free without one."""
        try:
            return self.subscription.plan
        except Subscription.DoesNotExist:
            return Plan.objects.free()

    def save(self, *args, **kwargs) -> None:
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)


class PlanQuerySet(models.QuerySet):
    def free(self) -> Plan:
        # get_or_create: a database flushed by hand (or by a test) must not 500 every page.
        plan, _ = self.get_or_create(
            slug=Plan.FREE, defaults={"name": "Free", "max_keys": 0, "blurb": "The website."}
        )
        return plan

    def cheapest_with(self, feature: str) -> Plan | None:
        """The lowest-ranked plan offering `feature` (a boolean field): named in 403s."""
        return self.filter(**{feature: True}).order_by("rank").first()


class Plan(models.Model):
    """A price tier with its API limits. Seeded by a data migration, edited in the admin."""

    FREE = "free"
    FEATURES = ("api_access", "me_write", "ai")

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=40)
    rank = models.PositiveSmallIntegerField(default=0, help_text="Ordering, cheapest first.")
    price_cents = models.PositiveIntegerField(default=0, help_text="Monthly price in US cents.")
    blurb = models.CharField(max_length=200, blank=True)
    api_access = models.BooleanField(
        default=False, help_text="May mint API keys; catalog reads and /me reads."
    )
    me_write = models.BooleanField(default=False, help_text="Writes under /api/v2/me.")
    ai = models.BooleanField(default=False, help_text="AI endpoints such as /recommend.")
    per_minute = models.PositiveIntegerField(default=0, help_text="Requests per key per minute.")
    per_day = models.PositiveIntegerField(default=0, help_text="Requests per key per UTC day.")
    max_keys = models.PositiveSmallIntegerField(default=5, help_text="Active keys per account.")

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["rank"]

    def __str__(self) -> str:
        return self.name

    @property
    def price_dollars(self) -> int:
        return self.price_cents // 100

    def keys_allowed(self) -> int:
        return self.max_keys if self.api_access else 0


class Subscription(models.Model):
    """Which plan a user is on, and which billing provider put them there."""

    class Provider(models.TextChoices):
        MANUAL = "manual", "Manual (staff grant)"
        DEMO = "demo", "Demo (no payment)"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="subscription"
    )
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="subscriptions")
    provider = models.CharField(max_length=20, choices=Provider.choices)
    started_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.user} on {self.plan}"


class KeyLimitReached(Exception):
    """The account already holds its plan's number of active keys."""


class ApiAccessNotInPlan(Exception):
    """The account's plan does not include API keys."""


class ApiKeyQuerySet(models.QuerySet):
    def active(self) -> ApiKeyQuerySet:
        return self.filter(revoked_at__isnull=True)

    def for_key(self, raw: str) -> ApiKey | None:
        """The key row for a raw key (revoked ones included), with its owner and plan.

        A malformed key or one with a bad checksum returns None without a query. One query
        otherwise: key, user, subscription and plan joined, found by the indexed prefix.
        """
        if not keys.is_well_formed(raw):
            return None
        digest = keys.keyed_hash(raw)
        candidates = (
            self.select_related("user__subscription__plan")
            .filter(prefix=keys.display_prefix(raw))
            .order_by()
        )
        for key in candidates:
            if hmac.compare_digest(key.hashed, digest):
                return key
        return None


class ApiKey(models.Model):
    """A named API key. Only a keyed hash and the display prefix are stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_keys"
    )
    name = models.CharField(max_length=60)
    prefix = models.CharField(max_length=keys.DISPLAY_PREFIX_LENGTH, db_index=True)
    hashed = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiKeyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "revoked_at"], name="accounts_apikey_user_active")]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @classmethod
    def issue(cls, *, user: User, name: str) -> tuple[ApiKey, str]:
        """Mint a key for `user`; returns the row and the raw key, which is never seen again.

        The owner's row is locked first so two concurrent requests cannot both take the
        last free slot (on SQLite the write transaction itself serialises them).
        """
        with transaction.atomic():
            owner = User.objects.select_for_update().get(pk=user.pk)
            plan = owner.plan
            if not plan.api_access:
                raise ApiAccessNotInPlan(f"The {plan.name} plan does not include API keys.")
            allowed = plan.keys_allowed()
            if cls.objects.filter(user=owner).active().count() >= allowed:
                raise KeyLimitReached(
                    f"You already have {allowed} active keys, the most an account can hold. "
                    "Revoke one before minting another."
                )
            raw = keys.generate_key()
            key = cls.objects.create(
                user=owner,
                name=name.strip() or "Unnamed key",
                prefix=keys.display_prefix(raw),
                hashed=keys.keyed_hash(raw),
            )
        return key, raw

    def revoke(self) -> bool:
        """Revoke now; False if it already was. The next request with it gets a 401."""
        now = timezone.now()
        updated = ApiKey.objects.filter(pk=self.pk, revoked_at__isnull=True).update(revoked_at=now)
        if updated:
            self.revoked_at = now
        return bool(updated)

    def touch(self, now: Any = None) -> None:
        """Record use, writing at most once a minute across every process."""
        now = now or timezone.now()
        if self.last_used_at is not None and now - self.last_used_at < LAST_USED_RESOLUTION:
            return
        stale = models.Q(last_used_at__isnull=True) | models.Q(
            last_used_at__lt=now - LAST_USED_RESOLUTION
        )
        ApiKey.objects.filter(stale, pk=self.pk).update(last_used_at=now)
        self.last_used_at = now


class RateCounter(models.Model):
    """One rate-limit window's count when counters live in the database (no REDIS_URL).

    Rows are claimed with a conditional UPDATE (`count < limit`), which is exact across
    processes. Per-key day counters are kept 31 days beyond their day: they feed the usage
    chart on the keys page.
    """

    bucket = models.CharField(max_length=160, primary_key=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.bucket}={self.count}"


class IdempotencyKeyQuerySet(models.QuerySet):
    def expired(self, now: Any) -> IdempotencyKeyQuerySet:
        return self.filter(created_at__lte=now - IdempotencyKey.TTL)


class IdempotencyKey(models.Model):
    """The first response to a POST sent with an `Idempotency-Key` header, per user.

    Created before the view runs (`status_code` empty: still in progress), filled in with
    the response afterwards; config/api/idempotency.py holds the rules.
    """

    TTL = timedelta(hours=24)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idempotency_keys"
    )
    key = models.CharField(max_length=255)
    method = models.CharField(max_length=10)
    path = models.TextField(help_text="Path and query string of the first request.")
    body_sha256 = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    body = models.BinaryField(default=b"", blank=True)
    headers = models.JSONField(default=dict, blank=True, help_text="Content-Type, Location.")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = IdempotencyKeyQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="accounts_idempotency_user_key")
        ]

    def __str__(self) -> str:
        return f"{self.method} {self.path} [{self.key}]"
