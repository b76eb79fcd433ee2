"""List-mode Films rendered as JSON text by PostgreSQL: list pages, the stream, the snapshot.

Building a million dicts in Python caps the stream at a few thousand films a second; here
each row leaves the database as the finished JSON line, so Python only passes bytes on.
The line is one json_build_object over catalog_film alone: genres, top cast, director and
key crew come from the film's summary columns (migration 0007), kept current by triggers,
so no row needs a join. The shape is the one `catalog.api.films.list_films` builds, key
for key (a test compares them), and `fields=` projections are built into the SQL the same
way.
"""

# ruff: noqa: S608 - SQL built from this module's constants and field names, never input.
from __future__ import annotations

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from catalog.api.films import SUMMARY_DEPARTMENTS
from catalog.api.params import FieldTree, Projection

_TABLE = "catalog_film"
_F = f'"{_TABLE}"'


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _url(prefix: str, column: str, suffix: str = "") -> str:
    tail = f" || {_quote(suffix)}" if suffix else ""
    value = f"{_F}.{column}"
    return f"CASE WHEN coalesce({value}::text, '') <> '' THEN {_quote(prefix)} || {value}{tail} END"


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
    "genres": f"coalesce({_F}.summary_genres, '[]'::json)",
    "original_language": f"NULLIF({_F}.original_language, '')",
    "overview": f"{_F}.overview",
    "tagline": f"{_F}.tagline",
    "certification": f"NULLIF({_F}.certification, '')",
    "status": f"{_F}.status",
    "director": f"{_F}.summary_director",
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


_EMPTY_CREW = _quote("{" + ", ".join(f'"{d}" : []' for d in SUMMARY_DEPARTMENTS) + "}") + "::json"


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
        if sub is None:
            return f"coalesce({_F}.summary_crew, {_EMPTY_CREW})"
        return _object([(d, f"coalesce({_F}.summary_crew->{_quote(d)}, '[]'::json)") for d in sub])
    if name == "cast":
        if sub is None:
            return f"coalesce({_F}.summary_cast, '[]'::json)"
        member = _object([(k, f"m->{_quote(k)}") for k in sub])
        return (
            f"coalesce((SELECT json_agg({member} ORDER BY n) FROM json_array_elements("
            f"{_F}.summary_cast) WITH ORDINALITY AS e(m, n)), '[]'::json)"
        )
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


def with_json(queryset: QuerySet, projection: Projection) -> QuerySet:
    """`queryset` annotated with `film_json`: each film's JSON text, rendered by the query
    itself (a page of the list, the stream's COPY)."""
    line = f"({film_json_sql(projection)})::text"
    return queryset.annotate(film_json=RawSQL(line, []))  # noqa: S611 - our own SQL


# COPY's CSV format with a delimiter and a quote character that JSON text never holds
# (PostgreSQL escapes every control character in JSON strings) passes each line through
# unquoted and unescaped: COPY's text format would double every backslash.
_COPY_LINES = "COPY ({query}) TO STDOUT (FORMAT csv, DELIMITER E'\\x02', QUOTE E'\\x01')"


def json_chunks(queryset: QuerySet, projection: Projection, *, chunk_bytes: int):
    """NDJSON byte chunks of the films of `queryset`, by id, straight from COPY.

    COPY sends rows as the scan produces them, so the first bytes leave at once and
    memory holds one chunk whatever the catalog size; one statement also reads one
    consistent snapshot. Chunks are about `chunk_bytes` (the first is whatever arrived
    first, so a client sees data immediately).
    """
    lines = with_json(queryset.order_by("id"), projection).values_list("film_json")
    sql, params = lines.query.sql_with_params()
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(_COPY_LINES.format(query=sql), params) as copy,
    ):
        pending = bytearray()
        first = True
        for block in copy:
            pending += block
            if first or len(pending) >= chunk_bytes:
                yield bytes(pending)
                pending.clear()
                first = False
        if pending:
            yield bytes(pending)
