"""Read helpers for pages that need more than one queryset."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.core.cache import cache
from django.db import connection

from catalog.models import Credit, Film, Person

# Above this many rows the home page shows PostgreSQL's own row estimate: an exact
# COUNT(*) of a million films and a million people took 600 ms each time the cache expired.
EXACT_COUNT_LIMIT = 100_000

# One query for both: each table's estimate when large, else its exact count (reltuples is
# -1 until a table is first analysed, which also falls back to counting).
_COUNTS_SQL = """
SELECT (SELECT CASE WHEN reltuples > %(limit)s THEN reltuples::bigint
                    ELSE (SELECT count(*) FROM catalog_film) END
          FROM pg_class WHERE oid = 'catalog_film'::regclass),
       (SELECT CASE WHEN reltuples > %(limit)s THEN reltuples::bigint
                    ELSE (SELECT count(*) FROM catalog_person) END
          FROM pg_class WHERE oid = 'catalog_person'::regclass)
"""


def _counts() -> dict[str, int]:
    if connection.vendor != "postgresql":
        return {"films": Film.objects.count(), "people": Person.objects.count()}
    with connection.cursor() as cursor:
        cursor.execute(_COUNTS_SQL, {"limit": EXACT_COUNT_LIMIT})
        films, people = cursor.fetchone()
    return {"films": films, "people": people}


def catalog_counts() -> dict[str, int]:
    """Film and person counts for the home page (estimates on a large PostgreSQL catalog)."""
    return cache.get_or_set("catalog:counts", _counts, timeout=300)


def crew_by_department(crew: Iterable[Credit]) -> list[tuple[str, list[Credit]]]:
    """Crew credits grouped by department, departments in their conventional order."""
    groups: dict[str, list[Credit]] = defaultdict(list)
    for credit in crew:
        groups[credit.department].append(credit)
    rank = {name: i for i, name in enumerate(Credit.DEPARTMENTS)}
    return sorted(groups.items(), key=lambda item: (rank.get(item[0], len(rank)), item[0]))
