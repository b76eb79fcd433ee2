"""The plans every installation starts with (figures from product.md §2). The data migration
0003 holds its own frozen copy; this one feeds the post_migrate safety net in signals.py."""

from __future__ import annotations

PLAN_SEEDS: list[dict] = [
    {
        "slug": "free",
        "name": "Free",
        "rank": 0,
        "price_cents": 0,
        "blurb": "Browse, log and review on the site. No API keys.",
        "api_access": False,
        "me_write": False,
        "ai": False,
        "per_minute": 0,
        "per_day": 0,
        "max_keys": 0,
    },
    {
        "slug": "writer",
        "name": "Writer",
        "rank": 10,
        "price_cents": 900,
        "blurb": "Sandbox keys for trying the API: catalog and /me reads.",
        "api_access": True,
        "me_write": False,
        "ai": False,
        "per_minute": 10,
        "per_day": 10,
        "max_keys": 5,
    },
    {
        "slug": "producer",
        "name": "Producer",
        "rank": 20,
        "price_cents": 9900,
        "blurb": "The Pro plan: the whole API surface, including writes to your own data.",
        "api_access": True,
        "me_write": True,
        "ai": False,
        "per_minute": 60,
        "per_day": 200,
        "max_keys": 5,
    },
    {
        "slug": "studio",
        "name": "Studio",
        "rank": 30,
        "price_cents": 99900,
        "blurb": "Everything in Producer plus AI endpoints (/recommend) and a large budget.",
        "api_access": True,
        "me_write": True,
        "ai": True,
        "per_minute": 60,
        "per_day": 10000,
        "max_keys": 5,
    },
]
