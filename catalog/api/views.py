"""Catalog endpoints of /api/v2: films (list, detail, stream), people, genres, configuration.

DRF does routing, authentication/permissions/throttling (settings hook, via ApiView),
the error envelope and the schema; rows come from `.values()` and are rendered by orjson
(see catalog/api/films.py for why).
"""

from __future__ import annotations

from urllib.parse import urlencode

import orjson
from django.db import transaction
from django.http import StreamingHttpResponse
from rest_framework.request import Request

from catalog.api import film_json_sql, schema
from catalog.api.films import (
    APPENDS,
    DETAIL_FIELDS,
    FILM_COLUMNS,
    LIST_FIELDS,
    detail_film,
    list_films,
)
from catalog.api.pagination import (
    KeysetPaginator,
    Page,
    SortKey,
    link_header,
    page_from_params,
)
from catalog.api.params import (
    check_known,
    invalid,
    parse_fields,
    parse_int,
    parse_list,
)
from catalog.api.people import (
    PERSON_COLUMNS,
    PERSON_DETAIL_FIELDS,
    PERSON_FIELDS,
    list_people,
    person_detail,
)
from catalog.filters import FilmFilterSet, FilmSort, SortError, parse_sort
from catalog.fulltext import popular_matches
from catalog.models import Credit, Film, Genre, Person
from catalog.text import normalise_title
from config.api.errors import ApiError
from config.api.views import ApiView, json_response

FILM_FILTERS = frozenset(FilmFilterSet.base_filters)
FILM_LIST_PARAMS = FILM_FILTERS | {"sort", "fields", "limit", "cursor", "page"}
FILM_STREAM_PARAMS = FILM_FILTERS | {"fields"}
MAX_LIMIT, DEFAULT_LIMIT = 500, 50
RELEVANCE_POOL = 300
# `page=` uses OFFSET, so it stops here; deeper pages need the cursor.
MAX_PAGE_OFFSET = 10_000
_NULLABLE_SORTS = {"master_score", "year", "release_date", "imdb_rating", "runtime"}
# The Python renderer's first stream batch is small so the first byte leaves at once.
STREAM_FIRST_BATCH, STREAM_BATCH = 100, 2000
STREAM_CHUNK_BYTES = 256 * 1024


def not_found(what: str, public_id: str) -> ApiError:
    return ApiError(f"No {what} with id {public_id!r}.", code="not_found", status=404)


def filter_error(errors: dict) -> ApiError:
    name, messages = next(iter(errors.items()))
    return ApiError(f"{name} {messages[0]}", details={k: list(v) for k, v in errors.items()})


def filtered_films(params) -> tuple[FilmFilterSet, bool]:
    filterset = FilmFilterSet(params, queryset=Film.objects.all())
    if not filterset.is_valid():
        raise filter_error(filterset.errors)
    return filterset, bool((params.get("q") or "").strip())


def relevance_pool(films):
    """Relevance ranks about RELEVANCE_POOL of the most popular matches, not every match:
    ranking all 130,000 films that mention "love" would cost seconds. Other sorts walk all
    matches."""
    return popular_matches(films, RELEVANCE_POOL)


def binding(params, names: frozenset[str], sort_token: str) -> str:
    """What a cursor is bound to: the filter values and the sort, in a canonical order."""
    return urlencode(sorted((n, params.get(n)) for n in names if params.get(n))) + "|" + sort_token


def paginate(request: Request, queryset, paginator: KeysetPaginator, columns: list[str]) -> Page:
    params = request.query_params
    limit = parse_int(params, "limit", default=DEFAULT_LIMIT, low=1, high=MAX_LIMIT)
    return page_from_params(
        params, queryset, paginator, columns,
        limit=limit, max_page=MAX_PAGE_OFFSET, max_offset=MAX_PAGE_OFFSET,
    )  # fmt: skip


def list_response(request: Request, data: list[dict], page: Page):
    meta = {
        "total": page.total,
        "total_is_estimate": page.total_is_estimate,
        "limit": page.limit,
        "offset": page.offset,
        "next_cursor": page.next_cursor,
        "has_more": page.has_more,
    }
    return json_response(
        {"data": data, "meta": meta},
        headers={"Link": link_header(request, page), "Total": str(page.total)},
    )


def sort_key(sort: FilmSort) -> SortKey:
    return SortKey(
        column=sort.column,
        descending=sort.descending,
        nullable=sort.column in _NULLABLE_SORTS,
        kind="date" if sort.column == "release_date" else "any",
    )


# /api/v2/films
class FilmListView(ApiView):
    public = True

    @schema.film_list
    def get(self, request: Request):
        params = request.query_params
        check_known(params, FILM_LIST_PARAMS)
        projection = parse_fields(params, LIST_FIELDS)
        filterset, has_query = filtered_films(params)
        try:
            sort = parse_sort(params.get("sort"), has_query=has_query)
        except SortError as exc:
            raise invalid("sort", str(exc)) from None
        paginator = KeysetPaginator(
            salt="films", binding=binding(params, FILM_FILTERS, sort.token), sort=sort_key(sort)
        )
        films = filterset.qs
        if sort.column == "search_rank":
            films = relevance_pool(films)
        if film_json_sql.supports(projection):
            # PostgreSQL renders each Film in the page query itself.
            films = film_json_sql.with_json(films, projection)
            page = paginate(request, films, paginator, ["id", sort.column, "film_json"])
            data = [orjson.Fragment(row["film_json"]) for row in page.rows]
            return list_response(request, data, page)
        columns = [*FILM_COLUMNS, *(["search_rank"] if sort.column == "search_rank" else [])]
        page = paginate(request, films, paginator, columns)
        return list_response(request, list_films(page.rows, projection), page)


# /api/v2/films/{id}
class FilmDetailView(ApiView):
    public = True

    @schema.film_detail
    def get(self, request: Request, public_id: str):
        params = request.query_params
        check_known(params, {"fields", "append"})
        projection = parse_fields(params, {**DETAIL_FIELDS, **dict.fromkeys(APPENDS)})
        appends = set(parse_list(params, "append"))
        unknown = sorted(appends - set(APPENDS))
        if unknown:
            raise invalid("append", f"must be a comma-separated subset of {', '.join(APPENDS)}")
        row = Film.objects.by_public_id(public_id).values(*FILM_COLUMNS).first()
        if row is None:
            raise not_found("film", public_id)
        return json_response({"data": detail_film(row, appends, projection)})


# /api/v2/films/stream
class FilmStreamView(ApiView):
    public = True

    @schema.film_stream
    def get(self, request: Request):
        params = request.query_params
        check_known(params, FILM_STREAM_PARAMS)
        projection = parse_fields(params, LIST_FIELDS)
        filterset, _ = filtered_films(params)
        lines = ndjson_lines(filterset.qs, projection)
        response = StreamingHttpResponse(lines, content_type="application/x-ndjson")
        response["Cache-Control"] = "no-store"
        response["X-Accel-Buffering"] = "no"  # let nginx pass lines on as they come
        return response


def ndjson_lines(queryset, projection, *, batch: int = STREAM_BATCH):
    """Canonical Films, one per line, with memory flat whatever the catalog size.

    On PostgreSQL the lines are rendered by the database and read through COPY
    (catalog/api/film_json_sql.py). Elsewhere list_films renders them in batches from a
    server-side cursor, inside a transaction so the whole stream reads one snapshot.
    """
    if film_json_sql.supports(projection):
        yield from film_json_sql.json_chunks(queryset, projection, chunk_bytes=STREAM_CHUNK_BYTES)
        return
    with transaction.atomic():
        rows = queryset.order_by("id").values(*FILM_COLUMNS).iterator(chunk_size=batch)
        pending_rows: list[dict] = []
        size = STREAM_FIRST_BATCH
        for row in rows:
            pending_rows.append(row)
            if len(pending_rows) >= size:
                yield _encode_lines(list_films(pending_rows, projection))
                pending_rows, size = [], batch
        if pending_rows:
            yield _encode_lines(list_films(pending_rows, projection))


def _encode_lines(films: list[dict]) -> bytes:
    option = orjson.OPT_UTC_Z | orjson.OPT_APPEND_NEWLINE
    return b"".join(orjson.dumps(film, option=option) for film in films)


# /api/v2/genres
class GenreListView(ApiView):
    public = True
    cache_max_age = 3600

    @schema.genre_list
    def get(self, request: Request):
        check_known(request.query_params, set())
        genres = [
            {"id": slug, "name": name, "links": {"films": f"/api/v2/films?genre={slug}"}}
            for slug, name in Genre.objects.order_by("name").values_list("slug", "name")
        ]
        meta = {
            "total": len(genres),
            "total_is_estimate": False,
            "limit": len(genres),
            "offset": 0,
            "next_cursor": None,
            "has_more": False,
        }
        return json_response({"data": genres, "meta": meta}, headers={"Total": str(len(genres))})


# /api/v2/configuration
class ConfigurationView(ApiView):
    public = True
    cache_max_age = 3600

    @schema.configuration
    def get(self, request: Request):
        check_known(request.query_params, set())
        media = request.build_absolute_uri("/media/")
        images = {
            # Uploaded images live under MEDIA_URL; remote ones are full URLs already.
            "base_url": media,
            "secure_base_url": media.replace("http://", "https://", 1),
            "poster_sizes": ["original"],
            "backdrop_sizes": ["original"],
            "profile_sizes": ["original"],
            "logo_sizes": ["original"],
        }
        films = {
            "sort_fields": ["relevance", *schema.SORT_NAMES],
            "default_sort": "master_score:desc",
            "limit": {"min": 1, "max": MAX_LIMIT, "default": DEFAULT_LIMIT},
            "appends": list(APPENDS),
            "departments": list(Credit.DEPARTMENTS),
        }
        return json_response({"data": {"images": images, "films": films}})


# /api/v2/people
PEOPLE_FILTERS = frozenset({"q", "known_for_department"})
DEPARTMENTS = ("Acting", *Credit.DEPARTMENTS)


class PersonListView(ApiView):
    public = True

    @schema.person_list
    def get(self, request: Request):
        params = request.query_params
        check_known(params, PEOPLE_FILTERS | {"fields", "limit", "cursor", "page"})
        projection = parse_fields(params, PERSON_FIELDS)
        people = Person.objects.all()
        q = (params.get("q") or "").strip()
        if q:
            norm = normalise_title(q, strip_articles=False)
            if not 2 <= len(norm) <= 100:
                raise invalid("q", "must be 2 to 100 characters of a name")
            people = people.filter(norm_name__contains=norm)
        department = params.get("known_for_department")
        if department:
            if department not in DEPARTMENTS:
                raise invalid("known_for_department", f"must be one of {', '.join(DEPARTMENTS)}")
            people = people.filter(known_for_department=department)
        sort = SortKey(column="popularity", descending=True, nullable=False)
        paginator = KeysetPaginator(
            salt="people", binding=binding(params, PEOPLE_FILTERS, "popularity:desc"), sort=sort
        )
        page = paginate(request, people, paginator, PERSON_COLUMNS)
        return list_response(request, list_people(page.rows, projection), page)


# /api/v2/people/{id}
class PersonDetailView(ApiView):
    public = True

    @schema.person_detail
    def get(self, request: Request, public_id: str):
        params = request.query_params
        check_known(params, {"fields"})
        projection = parse_fields(params, PERSON_DETAIL_FIELDS)
        row = Person.objects.by_public_id(public_id).values(*PERSON_COLUMNS, "biography").first()
        if row is None:
            raise not_found("person", public_id)
        return json_response({"data": person_detail(row, row.pop("biography"), projection)})
