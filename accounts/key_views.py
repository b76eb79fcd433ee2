"""The developer keys page: mint (shown once), list with 30-day usage, revoke."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts import ratelimit
from accounts.counters import CounterStoreUnavailable, Window
from accounts.forms import ApiKeyForm
from accounts.models import ApiAccessNotInPlan, ApiKey, KeyLimitReached, User

logger = logging.getLogger("reelbase.accounts")

# Minting is cheap to abuse (each key is a row and a secret): a few an hour is plenty.
MINTS_PER_HOUR = 20
CHART_DAYS = 30
_CHART_HEIGHT = 40
_BAR_STEP = 10


@dataclass(frozen=True)
class Bar:
    day: date
    count: int
    x: int
    y: int
    height: int


@dataclass(frozen=True)
class KeyRow:
    key: ApiKey
    bars: list[Bar]
    total: int
    peak: int


def usage_bars(days: list[tuple[date, int]]) -> list[Bar]:
    """One SVG bar per day, scaled to the busiest day (a day with any use shows ≥ 1px)."""
    peak = max((count for _, count in days), default=0)
    bars = []
    for index, (day, count) in enumerate(days):
        height = 0 if not peak else max(1 if count else 0, round(_CHART_HEIGHT * count / peak))
        bars.append(Bar(day, count, index * _BAR_STEP, _CHART_HEIGHT - height, height))
    return bars


def _key_rows(user: User) -> list[KeyRow]:
    """Active keys (one query) and their usage (one counter-store round trip)."""
    active = list(user.api_keys.active())
    try:
        usage = ratelimit.daily_usage([k.pk for k in active], days=CHART_DAYS)
    except CounterStoreUnavailable as error:
        logger.warning("usage chart unavailable: %s", error)
        usage = {}
    rows = []
    for key in active:
        days = usage.get(key.pk, [])
        counts = [count for _, count in days]
        rows.append(KeyRow(key, usage_bars(days), sum(counts), max(counts, default=0)))
    return rows


def _render(request: HttpRequest, form: ApiKeyForm, *, new_key: str | None = None, status=200):
    plan = request.user.plan
    rows = _key_rows(request.user) if plan.api_access else []
    context = {
        "plan": plan,
        "rows": rows,
        "form": form,
        "new_key": new_key,
        "slots_left": max(0, plan.keys_allowed() - len(rows)),
        "chart_days": CHART_DAYS,
        "chart_width": CHART_DAYS * _BAR_STEP,
        "chart_height": _CHART_HEIGHT,
    }
    return render(request, "accounts/api_keys.html", context, status=status)


def _mint_window(user: User) -> ratelimit.Subject:
    now = int(time.time())
    index = now // 3600
    window = Window(
        bucket=f"mint:u{user.pk}:3600:{index}",
        limit=MINTS_PER_HOUR,
        resets_at=(index + 1) * 3600,
        keep_until=(index + 1) * 3600 + 5,
        label="hour",
    )
    return ratelimit.Subject(f"mint:u{user.pk}", (window,))


@never_cache
@login_required
def api_keys(request: HttpRequest) -> HttpResponse:
    return _render(request, ApiKeyForm())


@never_cache
@login_required
@require_POST
def create_api_key(request: HttpRequest) -> HttpResponse:
    """Mint a key and show it in this response only: it is never stored or shown again."""
    form = ApiKeyForm(request.POST)
    if not form.is_valid():
        return _render(request, form, status=400)
    try:
        if not ratelimit.hit(_mint_window(request.user)).allowed:
            form.add_error(None, f"You can mint at most {MINTS_PER_HOUR} keys an hour.")
            return _render(request, form, status=429)
    except CounterStoreUnavailable as error:
        # Fail closed: minting is a write, and an unmetered write is what the limit prevents.
        logger.error("rate-limit store unreachable, refusing to mint a key: %s", error)
        form.add_error(None, "Minting keys is briefly unavailable. Try again in a minute.")
        return _render(request, form, status=503)
    try:
        key, raw = ApiKey.issue(user=request.user, name=form.cleaned_data["name"])
    except (KeyLimitReached, ApiAccessNotInPlan) as refusal:
        form.add_error(None, str(refusal))
        return _render(request, form, status=409)
    messages.success(request, f"Key “{key.name}” created. Copy it now: it is shown only once.")
    return _render(request, ApiKeyForm(), new_key=raw)


@login_required
@require_POST
def revoke_api_key(request: HttpRequest, key_id: int) -> HttpResponse:
    # Scoped to the owner: someone else's key id is a 404, exactly like a missing one.
    key = get_object_or_404(ApiKey.objects.active(), pk=key_id, user=request.user)
    key.revoke()
    messages.success(request, f"Key “{key.name}” ({key.prefix}…) revoked. It no longer works.")
    return redirect("accounts:api_keys")
