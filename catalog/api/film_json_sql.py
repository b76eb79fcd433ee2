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
_CAST_MEMBER = {
    "id": "p.public_id",
    "name": "p.name",
    "character": "c.character",
    "order": 'c."order"',
}


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
    "genres": "coalesce(fg.genres, '[]'::json)",
    "original_language": f"NULLIF({_F}.original_language, '')",
    "overview": f"{_F}.overview",
    "tagline": f"{_F}.tagline",
    "certification": f"NULLIF({_F}.certification, '')",
    "status": f"{_F}.status",
    "director": "fc.director",
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
        departments = list(sub or SUMMARY_DEPARTMENTS)
        return _object([(d, f"coalesce(fs.{d}, '[]'::json)") for d in departments])
    if name == "cast":
        member = _object([(k, f"m->{_quote(k)}") for k in (sub or _CAST_MEMBER)])
        if sub is None:
            return "coalesce(fc.cast_json, '[]'::json)"
        return (
            f"coalesce((SELECT json_agg({member} ORDER BY n) "
            "FROM json_array_elements(fc.cast_json) WITH ORDINALITY AS e(m, n)), '[]'::json)"
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


_CAST_OBJECT = (
    "json_build_object('id', public_id, 'name', name, 'character', character, 'order', \"order\")"
)
_SUMMARY_COLUMNS = ", ".join(
    f"json_agg(name ORDER BY first) FILTER (WHERE dept = {_quote(d)}) AS {d}"
    for d in SUMMARY_DEPARTMENTS
)

# The small lists of a batch of films, aggregated once per batch (film ids in %(ids)s):
# set-based joins instead of four correlated subqueries per film.
_BATCH_SQL = f"""
WITH fg AS (
  SELECT x.film_id, json_agg(g.name ORDER BY g.name) AS genres
    FROM catalog_film_genres x JOIN catalog_genre g ON g.id = x.genre_id
   WHERE x.film_id = ANY(%(ids)s::bigint[]) GROUP BY x.film_id
), credits AS (
  SELECT c.film_id, c.kind, c.department, c.job, c.character, c."order", c.id,
         p.public_id, p.name
    FROM catalog_credit c JOIN catalog_person p ON p.id = c.person_id
   WHERE c.film_id = ANY(%(ids)s::bigint[])
     AND ((c.kind = 'cast' AND c."order" < {TOP_CAST})
          OR (c.kind = 'crew' AND c.job IN ({_KEY_JOBS})))
), fc AS (
  SELECT film_id,
         json_agg({_CAST_OBJECT} ORDER BY "order", id) FILTER (WHERE kind = 'cast') AS cast_json,
         (array_agg(name ORDER BY "order", id) FILTER (WHERE kind = 'crew' AND job = 'Director'))[1]
           AS director
    FROM credits GROUP BY film_id
), firsts AS (
  SELECT film_id, lower(department) AS dept, name, min(ARRAY["order"::bigint, id]) AS first
    FROM credits WHERE kind = 'crew' GROUP BY 1, 2, 3
), fs AS (
  SELECT film_id, {_SUMMARY_COLUMNS}
    FROM firsts GROUP BY film_id
)
SELECT ({{line}})::text
  FROM {_TABLE}
  LEFT JOIN fg ON fg.film_id = {_F}.id
  LEFT JOIN fc ON fc.film_id = {_F}.id
  LEFT JOIN fs ON fs.film_id = {_F}.id
 WHERE {_F}.id = ANY(%(ids)s::bigint[])
 ORDER BY array_position(%(ids)s::bigint[], {_F}.id)
"""


def render_films(film_ids: list[int], projection: Projection) -> list[str]:
    """The JSON text of each film, in the order of `film_ids`: one query."""
    if not film_ids:
        return []
    with connection.cursor() as cursor:
        cursor.execute(_BATCH_SQL.replace("{line}", film_json_sql(projection)), {"ids": film_ids})
        return [line for (line,) in cursor.fetchall()]


def json_chunks(queryset: QuerySet, projection: Projection, *, first: int, size: int):
    """NDJSON byte chunks of the films of `queryset` by id.

    The ids come from a server-side cursor (memory flat whatever the catalog size); each
    batch of ids is rendered by one set-based query. The first batch is small (`first`)
    so the first bytes leave at once. Run it inside a transaction (views.ndjson_lines).
    """
    batch_sql = _BATCH_SQL.replace("{line}", film_json_sql(projection))
    ids = queryset.order_by("id").values_list("id", flat=True)
    sql, params = ids.query.sql_with_params()
    with connection.chunked_cursor() as id_cursor, connection.cursor() as cursor:
        id_cursor.execute(sql, params)
        batch = first
        while rows := id_cursor.fetchmany(batch):
            cursor.execute(batch_sql, {"ids": [film_id for (film_id,) in rows]})
            yield ("\n".join(line for (line,) in cursor.fetchall()) + "\n").encode()
            batch = size
