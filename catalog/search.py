"""Site search: the /search/ page and the header's autocomplete.

Films on the search page come from catalog.fulltext (the same index as the API's `q`: title,
people, keywords, overview, with pg_trgm typo tolerance on PostgreSQL), topped up with title
look-alikes. Autocomplete and people match names as typed: prefix hits first, then
misspellings. On PostgreSQL both use the trigram GIN indexes on norm_title / norm_name
(migration 0003); SQLite has no trigram operators, so there misspellings come from difflib
over a bounded candidate set sharing the first two letters (the embedded catalog is small).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connection
from django.db.models import F, Q, QuerySet

from catalog.fulltext import search_films as match_films
from catalog.models import Film, Person
from catalog.text import normalise_title

MIN_QUERY_LENGTH = 2
MAX_FILMS = 30
MAX_PEOPLE = 12
FULLTEXT_CANDIDATES = 300
# SQLite fallback: how many same-prefix rows difflib may look at per query.
_SQLITE_CANDIDATES = 400
_PERSON_FIELDS = (
    "id", "public_id", "name", "norm_name", "known_for_department", "profile_url", "birth_year",
    "popularity",
)  # fmt: skip


@dataclass(frozen=True)
class Suggestion:
    kind: str  # "film" | "person"
    label: str
    detail: str
    url: str

    def as_json(self) -> dict[str, str]:
        return {"kind": self.kind, "label": self.label, "detail": self.detail, "url": self.url}


def _film_cards() -> QuerySet[Film]:
    return Film.objects.only(
        "id", "public_id", "title", "year", "poster_url", "poster_file", "master_score",
        "imdb_rating", "runtime", "popularity", "norm_title",
    )  # fmt: skip


def _people() -> QuerySet[Person]:
    return Person.objects.only(*_PERSON_FIELDS)


def _prefix(field: str, key: str) -> Q:
    """`field LIKE 'key%'`, plus a range the column's b-tree index can serve.

    The trigram index answers LIKE too, but with every row containing the key's trigrams
    anywhere ("trea" -> 3,500 candidates for 288 prefix matches on 200K films). Keys are
    normalised to [a-z0-9 ], so [key, key with its last character bumped) holds every match.
    """
    condition = Q(**{f"{field}__startswith": key})
    if key[-1] in "abcdefghijklmnopqrstuvwxy012345678":
        upper = key[:-1] + chr(ord(key[-1]) + 1)
        condition &= Q(**{f"{field}__gte": key, f"{field}__lt": upper})
    return condition


def _ranked_postgres(queryset: QuerySet, field: str, key: str, limit: int) -> list:
    """Prefix hits (most popular first), then trigram look-alikes for the places left."""
    hits = list(queryset.filter(_prefix(field, key)).order_by("-popularity", "id")[:limit])
    if len(hits) >= limit or len(key) < 3:
        return hits
    similar = (
        queryset.filter(**{f"{field}__trigram_word_similar": key})
        .exclude(pk__in=[row.pk for row in hits])
        .annotate(similarity=TrigramWordSimilarity(key, field))
        .order_by("-similarity", "-popularity", "id")[: limit - len(hits)]
    )
    return hits + list(similar)


def _ranked_sqlite(queryset: QuerySet, field: str, key: str, limit: int) -> list:
    hits = list(
        queryset.filter(**{f"{field}__startswith": key}).order_by("-popularity", "id")[:limit]
    )
    if len(hits) < limit:
        hits += list(
            queryset.filter(**{f"{field}__contains": key})
            .exclude(pk__in=[row.pk for row in hits])
            .order_by("-popularity", "id")[: limit - len(hits)]
        )
    if len(hits) >= limit or len(key) < 3:
        return hits
    seen = {row.pk for row in hits}
    # Candidates: any word starting with the query's first two letters ("kurosava" finds
    # "akira kurosawa"), then the closest spelling of the query at a word start.
    start = key[:2]
    candidates = queryset.filter(
        Q(**{f"{field}__startswith": start}) | Q(**{f"{field}__contains": f" {start}"})
    )[:_SQLITE_CANDIDATES]

    def closeness(row) -> float:
        text = getattr(row, field)
        starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == " "]
        return max(
            difflib.SequenceMatcher(None, key, text[i : i + len(key) + 2]).ratio() for i in starts
        )

    scored = [(closeness(row), row) for row in candidates if row.pk not in seen]
    close = sorted(
        ((score, row) for score, row in scored if score >= 0.75),
        key=lambda pair: (-pair[0], -pair[1].popularity),
    )
    return hits + [row for _, row in close[: limit - len(hits)]]


def ranked_by_name(queryset: QuerySet, field: str, key: str, limit: int) -> list:
    if len(key) < MIN_QUERY_LENGTH:
        return []
    if connection.vendor == "postgresql":
        return _ranked_postgres(queryset, field, key, limit)
    return _ranked_sqlite(queryset, field, key, limit)


def films_by_title(query: str, *, limit: int) -> list[Film]:
    return ranked_by_name(_film_cards(), "norm_title", normalise_title(query), limit)


def search_films(query: str, *, limit: int = MAX_FILMS) -> list[Film]:
    """Full-text matches by relevance, then title look-alikes (typos) for the places left."""
    if len(query.strip()) < MIN_QUERY_LENGTH:
        return []
    matches = match_films(_film_cards(), query)
    # A common word matches thousands of films, and ranking them all means reading every
    # one. Rank a bounded set of candidates instead: the page shows a few dozen anyway.
    # No ORDER BY: ordered by id, the planner walks the primary key hoping to meet matches
    # early, which for a rare word reads the whole table (1.5 s at 1M films).
    candidates = list(matches.order_by().values_list("id", flat=True)[:FULLTEXT_CANDIDATES])
    ranked = matches.filter(id__in=candidates).order_by(
        F("search_rank").desc(), F("master_score").desc(nulls_last=True), "id"
    )
    films = list(ranked[:limit])
    if len(films) < limit:
        seen = {film.pk for film in films}
        films += [f for f in films_by_title(query, limit=limit) if f.pk not in seen]
    return films[:limit]


def search_people(query: str, *, limit: int = MAX_PEOPLE) -> list[Person]:
    key = normalise_title(query, strip_articles=False)
    return ranked_by_name(_people(), "norm_name", key, limit)


def autocomplete(query: str, *, films: int = 6, people: int = 3) -> list[Suggestion]:
    """Titles and names as typed (prefixes first), at most `films + people` suggestions."""
    suggestions = [
        Suggestion("film", f.title, str(f.year or ""), f.get_absolute_url())
        for f in films_by_title(query, limit=films)
    ]
    suggestions += [
        Suggestion("person", p.name, p.known_for_department, p.get_absolute_url())
        for p in search_people(query, limit=people)
    ]
    return suggestions
