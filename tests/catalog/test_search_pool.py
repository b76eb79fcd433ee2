"""Relevance ranks a pool of the most popular matches, found inside the search GIN index."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection

from catalog import fulltext
from catalog.fulltext import POPULARITY_TIER_SQL, popular_matches, search_films
from catalog.models import Film
from tests.api.helpers import body
from tests.factories import make_film

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the pool is PostgreSQL's"),
]


def tier_of(popularity: float) -> int:
    with connection.cursor() as cursor:
        sql = POPULARITY_TIER_SQL.replace('"catalog_film".popularity', "%s::float8")
        cursor.execute(f"SELECT {sql}", [popularity])
        return cursor.fetchone()[0]


def test_tiers_rise_with_popularity_and_tolerate_odd_values():
    assert tier_of(0) == 0 and tier_of(-5) == 0
    assert tier_of(1) < tier_of(10) < tier_of(100) < tier_of(10_000) < tier_of(100_000) == 100


def test_a_common_word_is_narrowed_to_its_most_popular_matches(monkeypatch):
    for i in range(40):
        make_film(title=f"Love story {i}", popularity=float(i * i))
    make_film(title="Unrelated", popularity=5000.0)
    monkeypatch.setattr(fulltext, "estimated_rows", lambda queryset: 40)
    cache.delete(fulltext.TIERS_CACHE_KEY)
    matches = search_films(Film.objects.all(), "love")
    pooled = list(
        popular_matches(matches, 8).order_by("-popularity").values_list("title", flat=True)
    )
    # Whole tiers: at least the 8 most popular matches, far fewer than all 40.
    assert pooled[:8] == [f"Love story {i}" for i in range(39, 31, -1)]
    assert 8 <= len(pooled) < 40


def test_few_matches_are_ranked_all():
    for i in range(5):
        make_film(title=f"Vertigo {i}", popularity=float(i))
    matches = search_films(Film.objects.all(), "vertigo")
    assert popular_matches(matches, 300).count() == 5


def test_the_tier_condition_is_answered_by_the_search_index(monkeypatch):
    make_film(title="Alien", popularity=50.0)
    matches = search_films(Film.objects.all(), "alien")
    monkeypatch.setattr(fulltext, "_pool_tier", lambda estimate, pool: 0)
    pooled = popular_matches(matches, 1).values("id")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        plan = pooled.explain()
    assert "catalog_film_search_gin" in plan
    index_conditions = [line for line in plan.splitlines() if "Index Cond" in line]
    assert any("least" in line.lower() and "@@" in line for line in index_conditions), plan


def test_relevance_pages_report_the_pool_they_rank(client, monkeypatch):
    from catalog.api import views

    for i in range(12):
        make_film(title=f"Night {i}", popularity=float(i * i * i))
    monkeypatch.setattr(views, "RELEVANCE_POOL", 3)
    monkeypatch.setattr(fulltext, "estimated_rows", lambda queryset: 12)
    cache.delete(fulltext.TIERS_CACHE_KEY)
    meta = body(client.get("/api/v2/films", {"q": "night", "limit": 50}))["meta"]
    assert 3 <= meta["total"] < 12 and meta["has_more"] is False
