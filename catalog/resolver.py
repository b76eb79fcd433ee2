"""Resolve a loose title (and maybe a year) to catalog films: `/api/v2/resolve` and importers.

Both sides are compared on `normalise_title` keys (case, accents, punctuation and
leading or trailing articles already gone), so "Godfather, The" and "the godfather"
meet at "godfather". Candidates come from the database — on PostgreSQL the pg_trgm
`%` operator, answered by the GIN trigram indexes of catalog migration 0003; on
SQLite exact, prefix and word matches — and are scored here in Python with the same
trigram similarity pg_trgm uses, so both databases rank alike.

score = title similarity (best of the film's title and alternative titles)
        x year factor (1 same year, 0.9 one year off, 0.75 two off, 0.5 further)
A film whose year is unknown, or a query without a year, gets a factor of 0.95 / 1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from django.db import connection
from django.db.models import Q

from catalog.models import AlternativeTitle, Film
from catalog.text import normalise_title

MAX_CANDIDATES = 5
# Below this a candidate is shown but never offered as the match.
MATCH_THRESHOLD = 0.5
# How many rows each database query may bring back for scoring.
POOL = 200
# pg_trgm's own default for `%`; low enough for one typo in a short title.
TRIGRAM_THRESHOLD = 0.3
_YEAR_SUFFIX = re.compile(r"\s*\((\d{4})\)\s*$")
_WORD = re.compile(r"\w+")
_CARD_FIELDS = (
    "id",
    "public_id",
    "slug",
    "imdb_id",
    "tmdb_id",
    "title",
    "year",
    "poster_url",
    "poster_file",
    "master_score",
    "imdb_votes",
)


@dataclass(frozen=True)
class Candidate:
    film: Film
    score: float
    confidence: str
    matched_title: str


@lru_cache(maxsize=4096)
def trigrams(text: str) -> frozenset[str]:
    """pg_trgm's trigram set: each word padded with two spaces before and one after."""
    grams: set[str] = set()
    for word in _WORD.findall(text.lower()):
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return frozenset(grams)


def trigram_similarity(a: str, b: str) -> float:
    ta, tb = trigrams(a), trigrams(b)
    if not ta or not tb:
        return 1.0 if a == b else 0.0
    return len(ta & tb) / len(ta | tb)


def year_factor(query_year: int | None, film_year: int | None) -> float:
    if query_year is None:
        return 1.0
    if film_year is None:
        return 0.95
    return {0: 1.0, 1: 0.9, 2: 0.75}.get(abs(query_year - film_year), 0.5)


def confidence_for(score: float, runner_up: float | None) -> str:
    margin = score - (runner_up or 0.0)
    if score >= 0.9 and margin >= 0.05:
        return "high"
    if score >= 0.55:
        return "medium"
    return "low"


def split_title_year(title: str) -> tuple[str, int | None]:
    """`Toy Story (1995)` -> (`Toy Story`, 1995), as MovieLens and many spreadsheets write it."""
    match = _YEAR_SUFFIX.search(title)
    if not match:
        return title, None
    return title[: match.start()], int(match.group(1))


def _title_variants(title: str) -> list[str]:
    """The key of the title, and of its parts when it carries an "(a.k.a. …)" aside."""
    keys = [normalise_title(title)]
    for inner in re.findall(r"\(([^)]*)\)", title):
        inner = re.sub(r"^(a\.?k\.?a\.?|aka)\s+", "", inner.strip(), flags=re.IGNORECASE)
        keys.append(normalise_title(inner))
    outer = re.sub(r"\([^)]*\)", " ", title)
    keys.append(normalise_title(outer))
    return [key for i, key in enumerate(keys) if key and key not in keys[:i]]


# A pool row: (film id, a normalised title of it, its year, its IMDb votes).
PoolRow = tuple[int, str, int | None, int]


def _pool_postgres(key: str, year: int | None) -> list[PoolRow]:
    """Films whose title or alternative title is trigram-similar to `key` (GIN indexed)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('pg_trgm.similarity_threshold', %s, true)", [str(TRIGRAM_THRESHOLD)]
        )
        cursor.execute(
            "(SELECT id, norm_title, year, imdb_votes FROM catalog_film WHERE norm_title %% %s"
            " ORDER BY similarity(norm_title, %s) DESC LIMIT %s)"
            " UNION ALL "
            "(SELECT a.film_id, a.norm_title, f.year, f.imdb_votes"
            " FROM catalog_alternativetitle a JOIN catalog_film f ON f.id = a.film_id"
            " WHERE a.norm_title %% %s ORDER BY similarity(a.norm_title, %s) DESC LIMIT %s)",
            [key, key, POOL, key, key, POOL],
        )
        return cursor.fetchall()


def _pool_portable(key: str, year: int | None) -> list[PoolRow]:
    """Without pg_trgm: the exact key, the same start or end, the longest word, and (when
    the year is known) every title within a year of it, where a typo anywhere still meets
    its film. Bounded: each query reads at most POOL * 5 rows (POOL * 15 for the years)."""
    words = sorted(key.split(), key=len, reverse=True)
    query = Q(norm_title=key) | Q(norm_title__startswith=key[:3]) | Q(norm_title__endswith=key[-3:])
    if words and len(words[0]) >= 4:
        query |= Q(norm_title__contains=words[0])
    columns = ("id", "norm_title", "year", "imdb_votes")
    alt_columns = ("film_id", "norm_title", "film__year", "film__imdb_votes")
    rows = [
        *Film.objects.filter(query).values_list(*columns)[: POOL * 5],
        *AlternativeTitle.objects.filter(query).values_list(*alt_columns)[: POOL * 5],
    ]
    if year is not None:
        near = Film.objects.filter(year__range=(year - 1, year + 1))
        rows += near.values_list(*columns)[: POOL * 15]
    return rows


def resolve_title(
    title: str, *, year: int | None = None, limit: int = MAX_CANDIDATES
) -> list[Candidate]:
    """Up to `limit` films for a loose title, best first, each with a score and confidence.

    Queries: one or two pool queries per title variant, then one for the films returned.
    """
    if year is None:
        title, year = split_title_year(title)
    keys = _title_variants(title)
    if not keys:
        return []
    pool_for = _pool_postgres if connection.vendor == "postgresql" else _pool_portable
    best: dict[int, tuple[float, float, str]] = {}
    for key in keys:
        for film_id, norm, film_year, votes in pool_for(key, year):
            score = round(trigram_similarity(key, norm) * year_factor(year, film_year), 4)
            if film_id not in best or score > best[film_id][0]:
                best[film_id] = (score, float(votes or 0), norm)
    # Same score: the film more people know is the likelier meaning.
    ranked = sorted(best.items(), key=lambda item: (-item[1][0], -item[1][1], item[0]))
    top = ranked[: max(limit, 2)]
    films = Film.objects.only(*_CARD_FIELDS).in_bulk([film_id for film_id, _ in top[:limit]])
    results = []
    for i, (film_id, (score, _, matched)) in enumerate(top[:limit]):
        # The strongest rival of the top film is the second; of every other, the top.
        rival = (top[1][1][0] if len(top) > 1 else None) if i == 0 else top[0][1][0]
        if film_id in films:
            results.append(Candidate(films[film_id], score, confidence_for(score, rival), matched))
    return results


def best_match(candidates: list[Candidate]) -> Candidate | None:
    if candidates and candidates[0].score >= MATCH_THRESHOLD:
        return candidates[0]
    return None
