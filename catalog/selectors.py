"""Read helpers for pages that need more than one queryset."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.core.cache import cache

from catalog.models import Credit, Film, Person


def catalog_counts() -> dict[str, int]:
    """Film and person counts for the home page, cached: COUNT(*) on 1M rows is not free."""

    def count() -> dict[str, int]:
        return {"films": Film.objects.count(), "people": Person.objects.count()}

    return cache.get_or_set("catalog:counts", count, timeout=300)


def crew_by_department(crew: Iterable[Credit]) -> list[tuple[str, list[Credit]]]:
    """Crew credits grouped by department, departments in their conventional order."""
    groups: dict[str, list[Credit]] = defaultdict(list)
    for credit in crew:
        groups[credit.department].append(credit)
    rank = {name: i for i, name in enumerate(Credit.DEPARTMENTS)}
    return sorted(groups.items(), key=lambda item: (rank.get(item[0], len(rank)), item[0]))
