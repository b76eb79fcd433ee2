"""List-mode Films rendered as JSON text by PostgreSQL, for the stream and the snapshot.

Building a million dicts in Python caps the stream at a few thousand films a second; here
each row leaves the database as the finished JSON line (json_build_object with correlated
subqueries for genres, top cast and key crew), so Python only joins bytes. The shape is
the one `catalog.api.films.list_films` builds, key for key (a test compares them), and
`fields=` projections are built into the SQL the same way.
"""

# ruff: noqa: S608 - SQL built from this module's constants and field names, never input.
from __future__ import annotations

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from catalog.api.films import KEY_JOBS, SUMMARY_DEPARTMENTS, TOP_CAST
from catalog.api.params import FieldTree, Projection

_TABLE = "catalog_film"
_F = f'"{_TABLE}"'


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _url(prefix: str, column: str, suffix: str = "") -> str:
    tail = f" || {_quote(suffix)}" if suffix else ""
    value = f"{_F}.{column}"
    return f"CASE WHEN coalesce({value}::text, '') <> '' THEN {_quote(prefix)} || {value}{tail} END"


_KEY_JOBS = ", ".join(_quote(job) for job in KEY_JOBS)
_CAST_FROM = (
    "FROM catalog_credit c JOIN catalog_person p ON p.id = c.person_id "
    f"WHERE c.film_id = {_F}.id AND c.kind = 'cast' AND c.\"order\" < {TOP_CAST}"
)
_CAST_MEMBER = {
    "id": "p.public_id",
    "name": "p.name",
    "character": "c.character",
    "order": 'c."order"',
}


def _summary_sql(departments: list[str]) -> str:
    parts = ", ".join(
        f"{_quote(d)}, coalesce(json_agg(s.name ORDER BY s.first) FILTER (WHERE s.dept = "
        f"{_quote(d)}), '[]'::json)"
        for d in departments
    )
    # One row per (department, person) with their first credit, as list_films dedupes.
    return (
        f"(SELECT json_build_object({parts}) FROM (SELECT lower(c.department) AS dept, p.name, "
        'min(ARRAY[c."order"::bigint, c.id]) AS first FROM catalog_credit c '
        f"JOIN catalog_person p ON p.id = c.person_id WHERE c.film_id = {_F}.id "
        f"AND c.kind = 'crew' AND c.job IN ({_KEY_JOBS}) GROUP BY 1, 2) s)"
    )


def _poster_sql(subkeys: list[str]) -> str:
    media = _quote(settings.MEDIA_URL)

    def obj(url: str, source: str) -> str:
        values = {"url": url, "source": _quote(source)}
        return "json_build_object(" + ", ".join(f"{_quote(k)}, {values[k]}" for k in subkeys) + ")"

    return (
        f"CASE WHEN {_F}.poster_file <> '' THEN {obj(f'{media} || {_F}.poster_file', 'upload')} "
        f"WHEN {_F}.poster_url <> '' THEN {obj(f'{_F}.poster_url', 'remote')} END"
    )


_RATINGS = {
    "imdb": "imdb_rating",
    "imdb_votes": "imdb_votes",
    "rt_critics": "rt_critics",
    "tmdb": "tmdb_rating",
    "tmdb_votes": "tmdb_votes",
    "movielens": "movielens_rating",
    "movielens_votes": "movielens_votes",
    "community": "community_rating",
    "community_votes": "community_votes",
    "master_score": "master_score",
}
_LINKS = {
    "self": f"'/api/v2/films/' || {_F}.public_id",
    "web": f"'/films/' || {_F}.public_id || '/'",
    "imdb": _url("https://www.imdb.com/title/", "imdb_id", "/"),
    "tmdb": _url("https://www.themoviedb.org/movie/", "tmdb_id"),
    "wikipedia": _url("https://en.wikipedia.org/wiki/", "wikipedia_title"),
    "homepage": f"NULLIF({_F}.homepage, '')",
}
_SCALARS = {
    "id": f"{_F}.public_id",
    "imdb_id": f"{_F}.imdb_id",
    "tmdb_id": f"{_F}.tmdb_id",
    "slug": f"{_F}.slug",
    "title": f"{_F}.title",
    "original_title": f"coalesce(NULLIF({_F}.original_title, ''), {_F}.title)",
    "year": f"{_F}.year",
    "release_date": f"{_F}.release_date",
    "runtime": f"{_F}.runtime",
    "genres": (
        "coalesce((SELECT json_agg(g.name ORDER BY g.name) FROM catalog_film_genres fg "
        f"JOIN catalog_genre g ON g.id = fg.genre_id WHERE fg.film_id = {_F}.id), '[]'::json)"
    ),
    "original_language": f"NULLIF({_F}.original_language, '')",
    "overview": f"{_F}.overview",
    "tagline": f"{_F}.tagline",
    "certification": f"NULLIF({_F}.certification, '')",
    "status": f"{_F}.status",
    "director": (
        "(SELECT p.name FROM catalog_credit c JOIN catalog_person p ON p.id = c.person_id "
        f"WHERE c.film_id = {_F}.id AND c.kind = 'crew' AND c.job = 'Director' "
        'ORDER BY c."order", c.id LIMIT 1)'
    ),
    "popularity": f"{_F}.popularity",
    "backdrop_url": f"NULLIF({_F}.backdrop_url, '')",
    "awards": f"{_F}.awards",
    "updated_at": (
        f"to_char({_F}.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
    ),
}
_ORDER = [
    "id", "imdb_id", "tmdb_id", "slug", "title", "original_title", "year", "release_date",
    "runtime", "genres", "original_language", "overview", "tagline", "certification", "status",
    "director", "ratings", "popularity", "poster", "backdrop_url", "cast", "crew_summary",
    "awards", "links", "updated_at",
]  # fmt: skip


def _object(pairs: list[tuple[str, str]]) -> str:
    # json_build_object takes at most 100 arguments: nest in halves past 50 pairs (never here).
    return "json_build_object(" + ", ".join(f"{_quote(k)}, {v}" for k, v in pairs) + ")"


def _field_sql(name: str, sub: FieldTree | None) -> str:
    if name == "ratings":
        keys = list(sub or _RATINGS)
        return _object([(k, f"{_F}.{_RATINGS[k]}") for k in keys])
    if name == "links":
        return _object([(k, _LINKS[k]) for k in (sub or _LINKS)])
    if name == "poster":
        return _poster_sql(list(sub or ("url", "source")))
    if name == "crew_summary":
        return _summary_sql(list(sub or SUMMARY_DEPARTMENTS))
    if name == "cast":
        member = _object([(k, _CAST_MEMBER[k]) for k in (sub or _CAST_MEMBER)])
        ordered = f'json_agg({member} ORDER BY c."order", c.id)'
        return f"coalesce((SELECT {ordered} {_CAST_FROM}), '[]'::json)"
    return _SCALARS[name]


def supports(projection: Projection) -> bool:
    """PostgreSQL with local media (poster URLs are MEDIA_URL + name), and no projection
    into award entries (free-form JSON the Python path projects key by key)."""
    if connection.vendor != "postgresql" or not isinstance(default_storage, FileSystemStorage):
        return False
    return projection.tree is None or projection.tree.get("awards", None) is None


def film_json_sql(projection: Projection) -> str:
    tree = projection.tree
    names = _ORDER if tree is None else list(tree)  # the order list_films gives them
    return _object([(n, _field_sql(n, None if tree is None else tree[n])) for n in names])


def json_lines(queryset: QuerySet, projection: Projection, *, chunk_size: int):
    """The films of `queryset` by id, each one JSON text, from a server-side cursor."""
    line = RawSQL(f"({film_json_sql(projection)})::text", [])  # noqa: S611 (no user input)
    rows = queryset.annotate(film_json=line).order_by("id").values_list("film_json", flat=True)
    return rows.iterator(chunk_size=chunk_size)
