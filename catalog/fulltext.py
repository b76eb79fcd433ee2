"""Full-text film search: PostgreSQL tsvector + trigram typo tolerance, SQLite FTS5.

`search_films(queryset, q)` filters to matches and annotates `search_rank` (higher is
better) so the list API can sort by relevance. The index structures live in migration
0004 (tsvector column, GIN index, triggers; FTS5 table and triggers).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramSimilarity
from django.db import connection
from django.db.models import F, FloatField, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast

from catalog.text import normalise_title, strip_accents

_FTS_TOKEN = re.compile(r"\w+", re.UNICODE)
# Trigram similarity below this is noise; pg_trgm's `%` default is 0.3 too.
TRIGRAM_THRESHOLD = 0.3


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
        return queryset.none()
    # `norm_title % norm` (trigram_similar) uses the trigram GIN index of migration 0003.
    similarity = TrigramSimilarity("norm_title", norm)
    return queryset.filter(norm_title__trigram_similar=norm).annotate(
        search_rank=Cast(similarity, FloatField())
    )


# Not EXISTS (LIMIT 1): for a word it cannot estimate the planner expects thousands of
# matches and walks the table for the first one, which for a word that matches nothing is
# the whole table (722 ms at 1M films). At LIMIT 100 it takes the GIN index (0.1 ms).
_PROBE_ROWS = 100


def _matching_query(queryset: QuerySet, text: str) -> SearchQuery | None:
    query = SearchQuery(text, search_type="websearch", config="english")
    probe = queryset.model.objects.filter(search_vector=query).order_by().values("id")
    return query if list(probe[:_PROBE_ROWS]) else None


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
        return queryset.none()
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
    return queryset.filter(id__in=ids).annotate(search_rank=rank)


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
