"""Full-text film search: PostgreSQL tsvector + trigram typo tolerance, SQLite FTS5.

`search_films(queryset, q)` filters to matches and annotates `search_rank` (higher is
better) so the list API can sort by relevance. The index structures live in migration
0004 (tsvector column, GIN index, triggers; FTS5 table and triggers).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramSimilarity
from django.core.cache import cache
from django.db import connection
from django.db.models import BooleanField, Case, F, FloatField, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast

from catalog.text import normalise_title, strip_accents

_FTS_TOKEN = re.compile(r"\w+", re.UNICODE)
# Trigram similarity below this is noise; pg_trgm's `%` default is 0.3 too.
TRIGRAM_THRESHOLD = 0.3


def no_matches(queryset: QuerySet) -> QuerySet:
    """A search that matches nothing, as a query that still compiles: `.none()` raises
    EmptyResultSet wherever its SQL is needed (the cached count's key, the stream's COPY)."""
    nothing = RawSQL("1 = 0", [], output_field=BooleanField())  # noqa: S611 - a constant
    return queryset.filter(nothing).annotate(search_rank=Value(0.0, output_field=FloatField()))


def search_films(queryset: QuerySet, q: str) -> QuerySet:
    if connection.vendor == "postgresql":
        return _search_postgres(queryset, q)
    return _search_sqlite(queryset, q)


def _search_postgres(queryset: QuerySet, q: str) -> QuerySet:
    """Full text first. Only when the words match nothing does the typo path run: each word
    is corrected against the title-word dictionary (migration 0006), and if that still
    matches nothing, titles are matched by trigram similarity as a whole.

    A cheap EXISTS on the GIN index decides each step. ORing trigram matching into every
    search would run the slowest scan for queries that have no typo at all.
    """
    query = _matching_query(queryset, q)
    if query is None:
        corrected = corrected_words(q)
        query = _matching_query(queryset, corrected) if corrected != q.lower() else None
    if query is not None:
        rank = SearchRank(F("search_vector"), query, normalization=1)
        return queryset.filter(search_vector=query).annotate(search_rank=Cast(rank, FloatField()))
    norm = normalise_title(q)
    if len(norm) < 3:
        return no_matches(queryset)
    # `norm_title % norm` (trigram_similar) uses the trigram GIN index of migration 0003.
    similarity = TrigramSimilarity("norm_title", norm)
    return queryset.filter(norm_title__trigram_similar=norm).annotate(
        search_rank=Cast(similarity, FloatField())
    )


# Not EXISTS (LIMIT 1): for a word it cannot estimate the planner expects thousands of
# matches and walks the table for the first one, which for a word that matches nothing is
# the whole table (722 ms at 1M films). At LIMIT 100 it takes the GIN index (0.1 ms).
_PROBE_ROWS = 100
# A word the column statistics know in this many films matches for certain: no probe (which
# would collect every match from the index: 13 ms for a name in 30,000 films).
_SURE_MATCHES = 1_000


def _matching_query(queryset: QuerySet, text: str) -> SearchQuery | None:
    query = SearchQuery(text, search_type="websearch", config="english")
    probe = queryset.model.objects.filter(search_vector=query).order_by().values("id")
    if estimated_rows(probe) >= _SURE_MATCHES:
        return query
    return query if list(probe[:_PROBE_ROWS]) else None


def estimated_rows(queryset: QuerySet) -> int:
    """The planner's estimate of the rows of a queryset (EXPLAIN, PostgreSQL)."""
    plan = json.loads(queryset.order_by().values("id").explain(format="json"))
    return int(plan[0]["Plan"]["Plan Rows"])


# --- relevance pool ------------------------------------------------------------------
# A film's popularity tier: ln-scaled popularity, 0 to 100. It is the second column of the
# search GIN index (migration 0008 holds the same expression: keep them identical).
POPULARITY_TIER_SQL = 'least(100, floor(ln(greatest("catalog_film".popularity, 0) + 1) * 10))::int'
TIERS_CACHE_KEY, TIERS_CACHE_SECONDS = "catalog:popularity-tiers", 3600
# Reading a matching film's row costs about as much as collecting this many entries of
# a tier range from the GIN index (measured at 1M films: ~15 us against ~0.25 us).
_ROW_COST_IN_ENTRIES = 60


def popular_matches(matches: QuerySet, pool: int) -> QuerySet:
    """The matches of a search narrowed to roughly the `pool` most popular, on PostgreSQL.

    Ranking every film that mentions "love" reads 130,000 rows. Instead the planner's
    estimate of the matches (EXPLAIN; the tsvector keeps detailed statistics) picks the
    highest popularity tier above which about `pool` of them lie, and the GIN index
    intersects the words with that tier range. When the matches are few, or reading them
    all is cheaper than the tier range, they are returned as they are.
    """
    if connection.vendor != "postgresql":
        return matches  # SQLite: the embedded catalog, small enough to rank every match
    tier = _pool_tier(estimated_rows(matches), pool)
    if tier is None:
        return matches
    return matches.filter(
        RawSQL(f"{POPULARITY_TIER_SQL} >= %s", [tier], output_field=BooleanField())  # noqa: S611
    )


def _pool_tier(estimate: int, pool: int) -> int | None:
    if estimate <= pool:
        return None
    tiers = popularity_tiers()
    films = sum(count for _, count in tiers) or 1
    share = estimate / films  # matches per film, assumed alike in every tier
    above = 0
    for tier, count in tiers:
        above += count
        if above * share >= pool:
            cheaper = above + _ROW_COST_IN_ENTRIES * pool < _ROW_COST_IN_ENTRIES * estimate
            return tier if cheaper else None
    return None


def popularity_tiers() -> list[tuple[int, int]]:
    """[(tier, films)] from the most popular tier down; cached for an hour (one scan)."""

    def load() -> list[tuple[int, int]]:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {POPULARITY_TIER_SQL} AS tier, count(*) FROM catalog_film "  # noqa: S608
                "GROUP BY 1 ORDER BY 1 DESC NULLS LAST"
            )
            return [(tier, count) for tier, count in cursor.fetchall() if tier is not None]

    return cache.get_or_set(TIERS_CACHE_KEY, load, timeout=TIERS_CACHE_SECONDS)


def corrected_words(q: str) -> str:
    """Each word replaced by the most similar title word (itself when it is one)."""
    words = _FTS_TOKEN.findall(strip_accents(q.lower()))[:8]
    if not words:
        return q.lower()
    with connection.cursor() as cursor:
        cursor.execute(_CORRECT_SQL, [words])
        return " ".join(word for (word,) in cursor.fetchall())


_CORRECT_SQL = """
SELECT coalesce((SELECT s.word FROM catalog_searchword s WHERE s.word %% t.w
                  ORDER BY similarity(s.word, t.w) DESC, s.word LIMIT 1), t.w)
  FROM unnest(%s::text[]) WITH ORDINALITY AS t(w, n) ORDER BY t.n
"""


def fts5_query(q: str) -> str:
    """User text to a safe FTS5 query: every word must match, the last one as a prefix."""
    tokens = _FTS_TOKEN.findall(q.lower())[:16]
    if not tokens:
        return ""
    quoted = [f'"{token}"' for token in tokens]
    quoted[-1] += "*"
    return " AND ".join(quoted)


def _search_sqlite(queryset: QuerySet, q: str) -> QuerySet:
    match = fts5_query(q)
    if not match:
        return no_matches(queryset)
    table = queryset.model._meta.db_table
    rank_sql = (
        "(SELECT -bm25(catalog_film_fts, 10.0, 4.0, 4.0, 1.0) FROM catalog_film_fts "  # noqa: S608
        f"WHERE catalog_film_fts MATCH %s AND catalog_film_fts.rowid = {table}.id)"
    )
    # The table name is the model's own constant and the user's text travels as a parameter.
    rank = RawSQL(  # noqa: S611
        # bm25() is lower-is-better; weights follow the PostgreSQL A/B/B/C weighting.
        rank_sql,
        [match],
        output_field=FloatField(),
    )
    ids = RawSQL("SELECT rowid FROM catalog_film_fts WHERE catalog_film_fts MATCH %s", [match])
    matches = queryset.filter(id__in=ids)
    if queryset.model.objects.filter(id__in=ids).exists():
        return matches.annotate(search_rank=rank)
    return _title_lookalikes_sqlite(queryset, q)


# Typo path on SQLite: the titles the site search's look-alike matcher ranks closest.
_SQLITE_TYPO_MATCHES = 50


def _title_lookalikes_sqlite(queryset: QuerySet, q: str) -> QuerySet:
    from catalog.search import films_by_title  # it builds on this module

    close = films_by_title(q, limit=_SQLITE_TYPO_MATCHES)
    if not close:
        return no_matches(queryset)
    # Closest first: the look-alike order becomes a descending rank.
    ranks = [When(id=film.pk, then=Value(float(len(close) - i))) for i, film in enumerate(close)]
    return queryset.filter(id__in=[film.pk for film in close]).annotate(
        search_rank=Case(*ranks, output_field=FloatField())
    )


@contextmanager
def deferred_search() -> Iterator[None]:
    """For bulk loads inside transaction.atomic(): the search and summary triggers stand
    aside (a COPY of 8M credits would otherwise refresh films batch after batch) and every
    film's documents are rebuilt once, set-based, when the block ends without an error."""
    if connection.vendor != "postgresql":
        yield
        return
    if not connection.in_atomic_block:
        raise RuntimeError("deferred_search() must run inside transaction.atomic()")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL reelbase.defer_search = 'on'")
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL reelbase.defer_search = 'off'")
    refresh_search_vectors()


def refresh_search_vectors() -> int:
    """Rebuild every film's search document and list summary (migration 0007) in set-based
    passes, after a deferred load.

    PostgreSQL only (SQLite's FTS5 triggers are per row and never deferred). Returns the
    number of films whose search document was updated.
    """
    if connection.vendor != "postgresql":
        return 0
    with connection.cursor() as cursor:
        cursor.execute(_REFRESH_ALL_SQL)
        updated = cursor.rowcount
        cursor.execute(_REFRESH_WORDS_SQL)
        cursor.execute("SELECT catalog_film_summary_refresh(NULL)")
        return updated


_REFRESH_WORDS_SQL = """
INSERT INTO catalog_searchword
SELECT DISTINCT left(word, 100)
  FROM ts_stat('SELECT to_tsvector(''simple'', title) FROM catalog_film')
ON CONFLICT DO NOTHING
"""


_REFRESH_ALL_SQL = """
WITH people AS (
  SELECT c.film_id, string_agg(p.name, ' ') AS names
    FROM catalog_credit c JOIN catalog_person p ON p.id = c.person_id GROUP BY c.film_id
), kw AS (
  SELECT fk.film_id, string_agg(k.name, ' ') AS names
    FROM catalog_film_keywords fk JOIN catalog_keyword k ON k.id = fk.keyword_id
   GROUP BY fk.film_id
), alt AS (
  SELECT film_id, string_agg(title, ' ') AS titles FROM catalog_alternativetitle GROUP BY film_id
)
UPDATE catalog_film f SET search_vector =
    setweight(to_tsvector('english', f.title || ' ' || f.original_title || ' '
              || coalesce(alt.titles, '')), 'A')
 || setweight(to_tsvector('english', coalesce(people.names, '') || ' '
              || coalesce(kw.names, '')), 'B')
 || setweight(to_tsvector('english', f.overview), 'C')
  FROM catalog_film f2
  LEFT JOIN people ON people.film_id = f2.id
  LEFT JOIN kw ON kw.film_id = f2.id
  LEFT JOIN alt ON alt.film_id = f2.id
 WHERE f2.id = f.id
"""
