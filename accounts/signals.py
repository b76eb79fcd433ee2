"""Re-create missing seeded plans after `migrate` and `flush`.

The data migration seeds the plans once; `flush` (tests, `manage.py flush`) empties the
table without re-running migrations but does send post_migrate, as it does for content
types. Only missing plans are created: staff edits to existing ones are kept.
"""

from __future__ import annotations

from django.apps import AppConfig
from django.db import DEFAULT_DB_ALIAS

from accounts.plan_seeds import PLAN_SEEDS


def ensure_seeded_plans(sender: AppConfig, using: str = DEFAULT_DB_ALIAS, apps=None, **kwargs):
    try:
        plan_model = apps.get_model("accounts", "Plan") if apps else sender.get_model("Plan")
    except LookupError:
        return  # migrating backwards past the plans table
    for fields in PLAN_SEEDS:
        plan_model.objects.using(using).get_or_create(slug=fields["slug"], defaults=fields)
