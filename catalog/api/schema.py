"""OpenAPI description of the catalog endpoints: parameters, examples, and the exact shapes.

Responses are rendered from `.values()` rows (not serializers), so the shapes are written
here as JSON Schema components; tests validate real responses against them with
`additionalProperties: false`, so a key added to a projection and not here fails a test.
"""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema

from catalog.filters import SORT_COLUMNS

SORT_NAMES = list(SORT_COLUMNS)
SEED_LIST_EXAMPLE = "GET /api/v2/films?genre=Sci-Fi&decade=1980s&min_rating=8.0&limit=10"


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _t(kind: str, nullable: bool = False, **extra) -> dict:
    schema = {"type": kind, **extra}
    if nullable:
        schema["nullable"] = True
    return schema


def obj(properties: dict, *, nullable: bool = False, description: str | None = None) -> dict:
    schema = {"type": "object", "properties": properties, "additionalProperties": False}
    if nullable:
        schema["nullable"] = True
    if description:
        schema["description"] = description
    return schema


def arr(items: dict) -> dict:
    return {"type": "array", "items": items}


# Marks a property sent only on request (appends, error details).
OPTIONAL = {"x-optional": True}
STR, NSTR = _t("string"), _t("string", True)
INT, NINT = _t("integer"), _t("integer", True)
NUM, NNUM = _t("number"), _t("number", True)
NDATE = _t("string", True, format="date")
URLSTR = _t("string", True, description="URL, absolute or site-relative")

CAST_MEMBER = obj(
    {
        "id": _t("string", description="Person id (IMDb nm… or slug)"),
        "name": STR,
        "character": STR,
        "order": _t("integer", description="Billing order, 0 first"),
    }
)
CREW_MEMBER = obj({"id": STR, "name": STR, "job": STR})
RATINGS = obj(
    {
        "imdb": NNUM,
        "imdb_votes": INT,
        "rt_critics": _t("integer", True, description="Rotten Tomatoes critics, percent"),
        "tmdb": NNUM,
        "tmdb_votes": INT,
        "movielens": _t("number", True, description="MovieLens stars x 2 (0-10)"),
        "movielens_votes": INT,
        "community": _t("number", True, description="Reelbase members' mean rating, 0-10"),
        "community_votes": INT,
        "master_score": _t(
            "number",
            True,
            description="0-100 composite of every rating source, each weighted by its vote "
            "count, pulled toward the catalog mean when votes are few (formula in the README).",
        ),
    }
)
POSTER = obj(
    {"url": STR, "source": _t("string", enum=["upload", "remote"])},
    nullable=True,
)
LINKS = obj(
    {
        "self": _t("string", description="This film in the API"),
        "web": _t("string", description="This film's page on the site"),
        "imdb": NSTR,
        "tmdb": NSTR,
        "wikipedia": NSTR,
        "homepage": NSTR,
    }
)
AWARD = obj({"name": STR, "category": STR, "year": NINT, "result": STR})
SUMMARY = ("directing", "writing", "production", "camera", "editing", "sound")

FILM_PROPERTIES = {
    "id": _t("string", description="Public id: the IMDb id where known, else the slug"),
    "imdb_id": NSTR,
    "tmdb_id": NINT,
    "slug": STR,
    "title": STR,
    "original_title": STR,
    "year": NINT,
    "release_date": NDATE,
    "runtime": _t("integer", True, description="Minutes"),
    "genres": arr(STR),
    "original_language": _t("string", True, description="ISO 639-1"),
    "overview": STR,
    "tagline": STR,
    "certification": NSTR,
    "status": _t(
        "string",
        enum=["rumored", "planned", "in_production", "post_production", "released", "canceled"],
    ),
    "director": NSTR,
    "ratings": RATINGS,
    "popularity": NUM,
    "poster": POSTER,
    "backdrop_url": URLSTR,
    "cast": arr(CAST_MEMBER),
    "crew_summary": obj(
        {name: arr(STR) for name in SUMMARY}, description="Key crew names by department"
    ),
    "awards": arr(AWARD),
    "links": LINKS,
    "updated_at": _t("string", format="date-time"),
}
SIMILAR_FILM = obj(
    {
        "id": STR,
        "title": STR,
        "year": NINT,
        "poster": POSTER,
        "master_score": NNUM,
        "links": obj({"self": STR, "web": STR}),
    }
)
PROVIDER_OFFER = obj({"provider": STR, "logo_url": NSTR, "link": NSTR})
FILM_DETAIL_PROPERTIES = {
    **FILM_PROPERTIES,
    "cast": _t("array", items=CAST_MEMBER, description="The full cast in billing order"),
    "crew": _t(
        "object",
        additionalProperties=arr(CREW_MEMBER),
        description="Full crew grouped by department (Directing, Writing, Production, ...)",
    ),
    "budget": NINT,
    "revenue": NINT,
    "keywords": arr(STR),
    "companies": arr(obj({"name": STR, "origin_country": NSTR})),
    "countries": arr(obj({"code": STR, "name": STR})),
    "spoken_languages": arr(obj({"code": STR, "name": STR})),
    "alternative_titles": arr(STR),
    "watch_providers": _t(
        "object",
        description="By region (ISO 3166-1), then offer type (flatrate, rent, buy, free, ads)",
        additionalProperties=_t("object", additionalProperties=arr(PROVIDER_OFFER)),
    ),
    "external_ids": obj(
        {"imdb_id": NSTR, "tmdb_id": NINT, "movielens_id": NINT, "wikipedia": NSTR}
    ),
    "credits": obj(
        {
            "cast": arr(CAST_MEMBER),
            "crew": arr(obj({"id": STR, "name": STR, "department": STR, "job": STR})),
        },
        description="Only with append=credits",
    )
    | OPTIONAL,
    "similar": _t("array", items=SIMILAR_FILM, description="Only with append=similar") | OPTIONAL,
    "reviews_summary": obj(
        {"rating": NNUM, "count": INT, "url": STR}, description="Only with append=reviews_summary"
    )
    | OPTIONAL,
}
PERSON_PROPERTIES = {
    "id": _t("string", description="Public id: the IMDb id (nm…) where known, else the slug"),
    "imdb_id": NSTR,
    "tmdb_id": NINT,
    "slug": STR,
    "name": STR,
    "known_for_department": NSTR,
    "birth_year": NINT,
    "death_year": NINT,
    "birthday": NDATE,
    "deathday": NDATE,
    "place_of_birth": NSTR,
    "profile_url": NSTR,
    "popularity": NUM,
    "links": obj({"self": STR, "web": STR, "imdb": NSTR, "tmdb": NSTR}),
}
CREDIT_FILM = obj({"id": STR, "title": STR, "year": NINT, "poster": POSTER, "master_score": NNUM})
PERSON_DETAIL_PROPERTIES = {
    **PERSON_PROPERTIES,
    "biography": STR,
    "credits": obj(
        {
            "cast": arr(obj({"film": CREDIT_FILM, "character": STR, "order": INT})),
            "crew": _t("object", additionalProperties=arr(obj({"film": CREDIT_FILM, "job": STR}))),
        },
        description="Combined credits, newest film first (at most 2000)",
    ),
}
LIST_META = obj(
    {
        "total": _t("integer", description="Matching rows (see total_is_estimate)"),
        "total_is_estimate": _t(
            "boolean",
            description="false: total is exact. true: more than 10,000 rows matched and "
            "total is the database planner's estimate.",
        ),
        "limit": INT,
        "offset": INT,
        "next_cursor": _t("string", True, description="Pass as cursor= for the next page"),
        "has_more": _t("boolean"),
    }
)
ERROR = obj(
    {
        "error": obj(
            {
                "code": _t("string", description="Stable machine-readable code; match on this"),
                "message": STR,
                "status": INT,
                "details": _t(
                    "object",
                    additionalProperties=True,
                    description="Per-parameter problems, when there are any",
                    **{"x-optional": True},
                ),
            }
        )
    }
)
SNAPSHOT_MANIFEST = obj(
    {
        "schema_version": INT,
        "generated_at": _t("string", format="date-time"),
        "count": INT,
        "bytes": INT,
        "sha256": STR,
        "fields": arr(STR),
        "format": STR,
        "file": STR,
    }
)

COMPONENTS = {
    "Film": obj(FILM_PROPERTIES, description="A canonical Film in list mode."),
    "FilmDetail": obj(
        FILM_DETAIL_PROPERTIES, description="A canonical Film in detail mode (+ appends)."
    ),
    "Person": obj(PERSON_PROPERTIES),
    "PersonDetail": obj(PERSON_DETAIL_PROPERTIES),
    "ListMeta": LIST_META,
    "Error": ERROR,
    "SnapshotManifest": SNAPSHOT_MANIFEST,
    "FilmList": obj({"data": arr(ref("Film")), "meta": ref("ListMeta")}),
    "FilmDetailResponse": obj({"data": ref("FilmDetail")}),
    "PersonList": obj({"data": arr(ref("Person")), "meta": ref("ListMeta")}),
    "PersonDetailResponse": obj({"data": ref("PersonDetail")}),
    "GenreList": obj(
        {
            "data": arr(obj({"id": STR, "name": STR, "links": obj({"films": STR})})),
            "meta": ref("ListMeta"),
        }
    ),
    "Configuration": obj(
        {
            "data": obj(
                {
                    "images": obj(
                        {
                            "base_url": STR,
                            "secure_base_url": STR,
                            "poster_sizes": arr(STR),
                            "backdrop_sizes": arr(STR),
                            "profile_sizes": arr(STR),
                            "logo_sizes": arr(STR),
                        }
                    ),
                    "films": obj(
                        {
                            "sort_fields": arr(STR),
                            "default_sort": STR,
                            "limit": obj({"min": INT, "max": INT, "default": INT}),
                            "appends": arr(STR),
                            "departments": arr(STR),
                        }
                    ),
                }
            )
        }
    ),
    "Snapshot": obj(
        {
            "data": obj(
                {
                    "download_url": STR,
                    "expires_in_seconds": INT,
                    "manifest": ref("SnapshotManifest"),
                }
            )
        }
    ),
}


# --- errors -------------------------------------------------------------------------------
def _error(description: str, code: str, message: str, status: int, details=None) -> OpenApiResponse:
    body = {"error": {"code": code, "message": message, "status": status}}
    if details:
        body["error"]["details"] = details
    return OpenApiResponse(
        response=ref("Error"),
        description=description,
        examples=[OpenApiExample(code, value=body, status_codes=[str(status)], response_only=True)],
    )


BAD_REQUEST = _error(
    "A parameter is invalid (`invalid_request`) or the cursor was tampered with or issued "
    "for another query (`invalid_cursor`).",
    "invalid_request",
    "min_rating must be a number between 0 and 10",
    400,
    {"min_rating": ["must be a number between 0 and 10"]},
)
UNAUTHORIZED = _error(
    "The API key is invalid or revoked (`invalid_api_key`, `api_key_revoked`).",
    "invalid_api_key",
    "The API key is not valid.",
    401,
)
FORBIDDEN = _error(
    "The key's plan lacks this route (`plan_required`).", "plan_required", "Needs a plan.", 403
)
NOT_FOUND = _error("No such object.", "not_found", "No film with id 'tt0000000'.", 404)
RATE_LIMITED = _error(
    "Rate limit exceeded; `Retry-After` says when to retry.",
    "rate_limited",
    "Too many requests.",
    429,
)
SERVER_ERROR = _error(
    "Unexpected error; quote the request id.",
    "internal_error",
    "Internal error. Quote request id 1f0c… when reporting it.",
    500,
)
COMMON_ERRORS = {
    400: BAD_REQUEST,
    401: UNAUTHORIZED,
    403: FORBIDDEN,
    429: RATE_LIMITED,
    500: SERVER_ERROR,
}


def _param(name: str, kind, description: str, **extra) -> OpenApiParameter:
    return OpenApiParameter(name, kind, OpenApiParameter.QUERY, description=description, **extra)


FIELDS_PARAM = _param(
    "fields",
    OpenApiTypes.STR,
    "Comma-separated projection; nested names use dots (`ratings.imdb`, `cast.name`). "
    "Only the named fields are returned. Unknown names are a 400 listing the valid ones.",
    examples=[OpenApiExample("Projection", value="id,title,year,ratings.master_score")],
)
FILTER_PARAMS = [
    _param(
        "q",
        OpenApiTypes.STR,
        "Full-text search over title, overview, cast, crew and keywords (web-search syntax: "
        '`"exact phrase"`, `-exclude`, `or`). When the words match nothing, titles are '
        "matched by similarity instead (typos: `godfater`). Sort defaults to "
        "relevance:desc, which ranks about 300 of the most popular matches (meta.total "
        "counts those); other sorts walk every match.",
        examples=[OpenApiExample("Search", value="godfather")],
    ),
    _param(
        "genre",
        OpenApiTypes.STR,
        "Comma-separated genres, all of which must match (AND); case-insensitive; "
        "`Sci-Fi` means Science Fiction. See /genres.",
        examples=[OpenApiExample("Genre", value="Sci-Fi")],
    ),
    _param(
        "decade",
        OpenApiTypes.STR,
        "A decade: `1990s` or `1990`.",
        examples=[OpenApiExample("Decade", value="1980s")],
    ),
    _param("year_min", OpenApiTypes.INT, "Lower bound on release year (1870-2100)."),
    _param("year_max", OpenApiTypes.INT, "Upper bound on release year (1870-2100)."),
    _param(
        "min_rating",
        OpenApiTypes.NUMBER,
        "Minimum IMDb rating, 0-10.",
        examples=[OpenApiExample("Rating", value=8.0)],
    ),
    _param("min_score", OpenApiTypes.NUMBER, "Minimum master score, 0-100."),
    _param("min_votes", OpenApiTypes.INT, "Minimum IMDb vote count."),
    _param("director", OpenApiTypes.STR, "Director name substring (case and accents ignored)."),
    _param("actor", OpenApiTypes.STR, "Cast member name substring (case and accents ignored)."),
    _param("language", OpenApiTypes.STR, "Original language, ISO 639-1 (e.g. en, fr, ja)."),
    _param("has_poster", OpenApiTypes.BOOL, "true: only films with a poster; false: without."),
]
PAGE_PARAMS = [
    _param(
        "limit",
        OpenApiTypes.INT,
        "Page size, 1-500 (default 50). Out of range is a 400, never clamped.",
        examples=[OpenApiExample("Limit", value=10)],
    ),
    _param(
        "cursor",
        OpenApiTypes.STR,
        "Opaque token from meta.next_cursor. Bound to the query and sort; a modified or "
        "foreign cursor is a 400 invalid_cursor.",
    ),
    _param(
        "page",
        OpenApiTypes.INT,
        "Alternative to cursor for simple clients: offset = (page-1)*limit, at most 10,000.",
    ),
]
SORT_PARAM = _param(
    "sort",
    OpenApiTypes.STR,
    "`field:dir` with field one of " + ", ".join(SORT_NAMES) + " (and `relevance` with q); "
    "dir asc or desc. Ties are broken by id; films without a value come last. Default "
    "master_score:desc (relevance:desc with q).",
    examples=[OpenApiExample("Sort", value="master_score:desc")],
)
LIST_HEADERS_NOTE = (
    "\n\nLists also send `Link` (rel=next, rel=first) and `Total` headers. Public GETs send "
    "`ETag` and `Cache-Control: public`; `If-None-Match` gives 304."
)

film_list = extend_schema(
    operation_id="films_list",
    tags=["films"],
    summary="Filter, search and sort the catalog",
    description="Films in list mode: ratings, genres, top cast, key crew, poster, awards, "
    "links. Keyset-paginated: follow meta.next_cursor; any depth costs the same."
    + LIST_HEADERS_NOTE,
    parameters=[*FILTER_PARAMS, SORT_PARAM, FIELDS_PARAM, *PAGE_PARAMS],
    responses={
        200: OpenApiResponse(
            response=ref("FilmList"),
            description="A page of films",
            examples=[
                OpenApiExample(
                    "Sci-Fi of the 1980s rated 8+",
                    description=SEED_LIST_EXAMPLE,
                    value={
                        "data": [
                            {
                                "id": "tt0080684",
                                "title": "The Empire Strikes Back",
                                "year": 1980,
                                "genres": ["Action", "Adventure", "Science Fiction"],
                                "director": "Irvin Kershner",
                                "ratings": {"imdb": 8.7, "rt_critics": 95, "master_score": 91.2},
                            }
                        ],
                        "meta": {
                            "total": 7,
                            "total_is_estimate": False,
                            "limit": 10,
                            "offset": 0,
                            "next_cursor": None,
                            "has_more": False,
                        },
                    },
                    response_only=True,
                )
            ],
        ),
        **COMMON_ERRORS,
    },
)

GODFATHER = {
    "id": "tt0068646",
    "imdb_id": "tt0068646",
    "title": "The Godfather",
    "year": 1972,
    "runtime": 175,
    "genres": ["Crime", "Drama"],
    "director": "Francis Ford Coppola",
    "ratings": {"imdb": 9.2, "rt_critics": 97, "tmdb": 8.7, "master_score": 95.4},
    "cast": [
        {"id": "nm0000008", "name": "Marlon Brando", "character": "Don Vito Corleone", "order": 0}
    ],
    "crew": {"Directing": [{"id": "nm0000338", "name": "Francis Ford Coppola", "job": "Director"}]},
}
film_detail = extend_schema(
    operation_id="films_retrieve",
    tags=["films"],
    summary="One film, in detail",
    description="The canonical Film by IMDb id (`tt0068646`), `tmdb:{n}` or slug. Detail mode "
    "adds the full cast, crew grouped by department, companies, keywords, countries, "
    "languages, watch providers by region, external ids and alternative titles. "
    "`append=credits,similar,reviews_summary` adds those sub-resources in the same response "
    "(TMDB's append_to_response).",
    parameters=[
        OpenApiParameter(
            "public_id",
            OpenApiTypes.STR,
            OpenApiParameter.PATH,
            description="IMDb id, tmdb:{n} or slug",
            examples=[OpenApiExample("The Godfather", value="tt0068646")],
        ),
        _param(
            "append",
            OpenApiTypes.STR,
            "Comma-separated sub-resources: credits, similar, reviews_summary.",
            examples=[OpenApiExample("Append", value="credits,similar,reviews_summary")],
        ),
        FIELDS_PARAM,
    ],
    responses={
        200: OpenApiResponse(
            response=ref("FilmDetailResponse"),
            description="The film",
            examples=[
                OpenApiExample("The Godfather", value={"data": GODFATHER}, response_only=True)
            ],
        ),
        404: NOT_FOUND,
        **COMMON_ERRORS,
    },
)
film_stream = extend_schema(
    operation_id="films_stream",
    tags=["films"],
    summary="The whole catalog as NDJSON",
    description="Newline-delimited JSON, one canonical list-mode Film (schema `Film`) per "
    "line, ordered by internal id. Takes the list filters and `fields`; streamed from a "
    "server-side cursor, so the first line leaves at once and memory stays flat.",
    parameters=[*FILTER_PARAMS, FIELDS_PARAM],
    responses={
        (200, "application/x-ndjson"): OpenApiResponse(
            response=ref("Film"),
            description="One Film object per line",
            examples=[
                OpenApiExample(
                    "First line",
                    value={"id": "tt0068646", "title": "The Godfather", "year": 1972},
                    response_only=True,
                )
            ],
        ),
        **COMMON_ERRORS,
    },
)
genre_list = extend_schema(
    operation_id="genres_list",
    tags=["catalog"],
    summary="Every genre",
    description="All genres, by name; `id` is what `genre=` takes.",
    responses={200: OpenApiResponse(response=ref("GenreList")), **COMMON_ERRORS},
)
configuration = extend_schema(
    operation_id="configuration_retrieve",
    tags=["catalog"],
    summary="Image base URLs and sizes, list options",
    description="TMDB-style configuration: where site-hosted images live and which sizes "
    "exist (`original` only: Reelbase serves images as uploaded), plus the films list's "
    "sort fields, limits and appends.",
    responses={200: OpenApiResponse(response=ref("Configuration")), **COMMON_ERRORS},
)
person_list = extend_schema(
    operation_id="people_list",
    tags=["people"],
    summary="Search people",
    description="People by popularity; `q` matches a name substring (case and accents "
    "ignored)." + LIST_HEADERS_NOTE,
    parameters=[
        _param(
            "q",
            OpenApiTypes.STR,
            "Name substring, 2-100 characters.",
            examples=[OpenApiExample("Name", value="coppola")],
        ),
        _param(
            "known_for_department",
            OpenApiTypes.STR,
            "Acting, Directing, Writing, Production, Camera, Editing, Sound, Art, ...",
        ),
        FIELDS_PARAM,
        *PAGE_PARAMS,
    ],
    responses={200: OpenApiResponse(response=ref("PersonList")), **COMMON_ERRORS},
)
person_detail = extend_schema(
    operation_id="people_retrieve",
    tags=["people"],
    summary="One person with combined credits",
    description="A person by IMDb id (`nm…`), `tmdb:{n}` or slug, with cast credits and crew "
    "credits by department, newest first.",
    parameters=[
        OpenApiParameter(
            "public_id",
            OpenApiTypes.STR,
            OpenApiParameter.PATH,
            description="nm…, tmdb:{n} or slug",
        ),
        FIELDS_PARAM,
    ],
    responses={
        200: OpenApiResponse(response=ref("PersonDetailResponse")),
        404: NOT_FOUND,
        **COMMON_ERRORS,
    },
)

snapshot = extend_schema(
    operation_id="catalog_snapshot",
    tags=["catalog"],
    summary="The whole catalog as one gzipped NDJSON download",
    description="Default: 302 to a signed download URL valid for 1 hour. `format=json`: the "
    "URL and the manifest (generated_at, count, bytes, sha256, schema_version, fields) "
    "inline. 503 `snapshot_not_ready` until the first build (daily, or "
    "`manage.py build_snapshot`).",
    parameters=[
        _param(
            "format",
            OpenApiTypes.STR,
            "`json` for the manifest and URL inline; default `redirect` (302).",
            enum=["redirect", "json"],
            examples=[OpenApiExample("Inline", value="json")],
        )
    ],
    responses={
        200: OpenApiResponse(response=ref("Snapshot"), description="With format=json"),
        302: OpenApiResponse(description="Location: the signed download URL (1 hour)"),
        503: _error(
            "No snapshot yet",
            "snapshot_not_ready",
            "The catalog snapshot has not been generated yet; try again shortly.",
            503,
        ),
        **COMMON_ERRORS,
    },
)
snapshot_download = extend_schema(
    operation_id="catalog_snapshot_download",
    tags=["catalog"],
    summary="Download a snapshot through its signed URL",
    description="The gzipped NDJSON file (one list-mode Film per line), streamed. The token "
    "comes from /catalog/snapshot; a modified or expired token is a 403.",
    parameters=[
        _param("token", OpenApiTypes.STR, "Signed token from the snapshot URL", required=True)
    ],
    responses={
        (200, "application/gzip"): OpenApiResponse(
            response=OpenApiTypes.BINARY, description="gzip of NDJSON lines"
        ),
        403: _error(
            "Tampered or expired token",
            "forbidden",
            "This download link has expired; request a new one.",
            403,
        ),
        404: NOT_FOUND,
        **COMMON_ERRORS,
    },
)
