"""The canonical Film object, rendered from `.values()` rows (no model instances).

List mode (films list, stream, snapshot): scalar columns, genres, top cast and key crew,
in a fixed number of queries per page whatever its size (1 for the rows, 1 for genres, 1
for credits; fewer when `fields=` leaves them out). Detail mode adds the full cast, crew
by department and the small related lists, in 3 queries.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import connection
from django.db.models import Exists, F, ForeignKey, Lookup, OuterRef, Q

from catalog.api.params import FieldTree, Projection
from catalog.models import Credit, Film

# Cast members a list-mode film carries ("top cast").
TOP_CAST = 5
# Crew jobs summarised in list mode, by department.
KEY_JOBS = (
    "Director",
    "Screenplay",
    "Writer",
    "Story",
    "Novel",
    "Producer",
    "Director of Photography",
    "Editor",
    "Original Music Composer",
)
SUMMARY_DEPARTMENTS = ("directing", "writing", "production", "camera", "editing", "sound")
SIMILAR_LIMIT = 10

FILM_COLUMNS = [
    "id",
    "public_id",
    "slug",
    "imdb_id",
    "tmdb_id",
    "movielens_id",
    "wikipedia_title",
    "title",
    "original_title",
    "year",
    "release_date",
    "runtime",
    "overview",
    "tagline",
    "original_language",
    "status",
    "certification",
    "budget",
    "revenue",
    "homepage",
    "poster_url",
    "poster_file",
    "backdrop_url",
    "imdb_rating",
    "imdb_votes",
    "rt_critics",
    "tmdb_rating",
    "tmdb_votes",
    "movielens_rating",
    "movielens_votes",
    "community_rating",
    "community_votes",
    "master_score",
    "popularity",
    "awards",
    "updated_at",
]

_RATINGS: FieldTree = {
    "imdb": None,
    "imdb_votes": None,
    "rt_critics": None,
    "tmdb": None,
    "tmdb_votes": None,
    "movielens": None,
    "movielens_votes": None,
    "community": None,
    "community_votes": None,
    "master_score": None,
}
_CAST_MEMBER: FieldTree = {"id": None, "name": None, "character": None, "order": None}
_CREW_MEMBER: FieldTree = {"id": None, "name": None, "job": None}
_LINKS: FieldTree = {
    "self": None,
    "web": None,
    "imdb": None,
    "tmdb": None,
    "wikipedia": None,
    "homepage": None,
}

# Every field of a list-mode Film (what `fields=` may name in the list and the stream).
LIST_FIELDS: FieldTree = {
    "id": None,
    "imdb_id": None,
    "tmdb_id": None,
    "slug": None,
    "title": None,
    "original_title": None,
    "year": None,
    "release_date": None,
    "runtime": None,
    "genres": None,
    "original_language": None,
    "overview": None,
    "tagline": None,
    "certification": None,
    "status": None,
    "director": None,
    "ratings": _RATINGS,
    "popularity": None,
    "poster": {"url": None, "source": None},
    "backdrop_url": None,
    "cast": _CAST_MEMBER,
    "crew_summary": dict.fromkeys(SUMMARY_DEPARTMENTS),
    "awards": {"name": None, "category": None, "year": None, "result": None},
    "links": _LINKS,
    "updated_at": None,
}
DETAIL_FIELDS: FieldTree = {
    **LIST_FIELDS,
    "crew": None,  # {department: [crew member]}; departments vary, so no dotted names
    "budget": None,
    "revenue": None,
    "keywords": None,
    "companies": {"name": None, "origin_country": None},
    "countries": {"code": None, "name": None},
    "spoken_languages": {"code": None, "name": None},
    "alternative_titles": None,
    "watch_providers": None,
    "external_ids": {"imdb_id": None, "tmdb_id": None, "movielens_id": None, "wikipedia": None},
}
APPENDS = ("credits", "similar", "reviews_summary")


@ForeignKey.register_lookup
class InArray(Lookup):
    """`film_id__in_array=[...]`: `= ANY(%s)` with ONE array parameter on PostgreSQL.

    A page or stream batch asks for up to 2,000 films; `__in` would bind 2,000 parameters,
    which Django prepares one by one and psycopg splices into the SQL text each time.
    """

    lookup_name = "in_array"
    prepare_rhs = False  # a list of ids, not one value of the field

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        values = [int(v) for v in self.rhs]
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s::bigint[])", [*lhs_params, values]
        if not values:
            return "1 = 0", list(lhs_params)
        return f"{lhs} IN ({', '.join(['%s'] * len(values))})", [*lhs_params, *values]


def poster(row: dict) -> dict | None:
    if row["poster_file"]:
        return {"url": default_storage.url(row["poster_file"]), "source": "upload"}
    if row["poster_url"]:
        return {"url": row["poster_url"], "source": "remote"}
    return None


def links(row: dict) -> dict:
    public_id = row["public_id"]
    return {
        "self": f"/api/v2/films/{public_id}",
        "web": f"/films/{public_id}/",
        "imdb": f"https://www.imdb.com/title/{row['imdb_id']}/" if row["imdb_id"] else None,
        "tmdb": f"https://www.themoviedb.org/movie/{row['tmdb_id']}" if row["tmdb_id"] else None,
        "wikipedia": (
            f"https://en.wikipedia.org/wiki/{row['wikipedia_title']}"
            if row["wikipedia_title"]
            else None
        ),
        "homepage": row["homepage"] or None,
    }


def base_film(row: dict) -> dict:
    """The scalar part of a Film, in the canonical key order."""
    return {
        "id": row["public_id"],
        "imdb_id": row["imdb_id"],
        "tmdb_id": row["tmdb_id"],
        "slug": row["slug"],
        "title": row["title"],
        "original_title": row["original_title"] or row["title"],
        "year": row["year"],
        "release_date": row["release_date"],
        "runtime": row["runtime"],
        "genres": [],
        "original_language": row["original_language"] or None,
        "overview": row["overview"],
        "tagline": row["tagline"],
        "certification": row["certification"] or None,
        "status": row["status"],
        "director": None,
        "ratings": {
            "imdb": row["imdb_rating"],
            "imdb_votes": row["imdb_votes"],
            "rt_critics": row["rt_critics"],
            "tmdb": row["tmdb_rating"],
            "tmdb_votes": row["tmdb_votes"],
            "movielens": row["movielens_rating"],
            "movielens_votes": row["movielens_votes"],
            "community": row["community_rating"],
            "community_votes": row["community_votes"],
            "master_score": row["master_score"],
        },
        "popularity": row["popularity"],
        "poster": poster(row),
        "backdrop_url": row["backdrop_url"] or None,
        "cast": [],
        "crew_summary": {name: [] for name in SUMMARY_DEPARTMENTS},
        "awards": row["awards"] or [],
        "links": links(row),
        "updated_at": row["updated_at"],
    }


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Building a page allocates tens of thousands of small dicts and lists, which trips the
    cyclic collector into sweeps of the whole heap (measured: 2-3x the page's render time).
    They hold no cycles, so reference counting frees them; the collector can wait."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def list_films(rows: list[dict], projection: Projection) -> list[dict]:
    """Canonical list-mode Films for a page of rows: +1 query for genres, +1 for credits."""
    with cyclic_gc_paused():
        return _list_films(rows, projection)


def _list_films(rows: list[dict], projection: Projection) -> list[dict]:
    films = [base_film(row) for row in rows]
    by_id = {row["id"]: film for row, film in zip(rows, films, strict=True)}
    if by_id and projection.wants("genres"):
        for film_id, name in genre_names(by_id):
            by_id[film_id]["genres"].append(name)
    if by_id and any(projection.wants(n) for n in ("cast", "director", "crew_summary")):
        _add_key_credits(by_id)
    return [projection.apply(film) for film in films]


def genre_names(film_ids: Iterable[int]) -> list[tuple[int, str]]:
    through = Film.genres.through
    return list(
        through.objects.filter(film_id__in_array=list(film_ids))
        .order_by("film_id", "genre__name")
        .values_list("film_id", "genre__name")
    )


def _add_key_credits(by_id: dict[int, dict]) -> None:
    credits = (
        Credit.objects.filter(film_id__in_array=list(by_id))
        .filter(Q(kind=Credit.Kind.CAST, order__lt=TOP_CAST) | Q(kind="crew", job__in=KEY_JOBS))
        .order_by("film_id", "kind", "order", "id")
        .values_list(
            "film_id",
            "kind",
            "department",
            "job",
            "character",
            "order",
            "person__public_id",
            "person__name",
        )
    )
    for film_id, kind, department, job, character, order, person_id, name in credits:
        film = by_id[film_id]
        if kind == Credit.Kind.CAST:
            film["cast"].append(
                {"id": person_id, "name": name, "character": character, "order": order}
            )
            continue
        if job == "Director" and film["director"] is None:
            film["director"] = name
        names = film["crew_summary"].get(department.lower())
        if names is not None and name not in names:
            names.append(name)


# --- detail ------------------------------------------------------------------------------
def detail_film(row: dict, appends: set[str], projection: Projection) -> dict:
    """Detail mode: 2 more queries (credits; every small related list in one UNION)."""
    film = base_film(row)
    film.update(
        crew={},
        budget=row["budget"],
        revenue=row["revenue"],
        keywords=[],
        companies=[],
        countries=[],
        spoken_languages=[],
        alternative_titles=[],
        watch_providers={},
        external_ids={
            "imdb_id": row["imdb_id"],
            "tmdb_id": row["tmdb_id"],
            "movielens_id": row["movielens_id"],
            "wikipedia": row["wikipedia_title"],
        },
    )
    credits = _all_credits(film, row["id"])
    _add_related(film, row["id"])
    if "credits" in appends:
        film["credits"] = credits
    if "similar" in appends:
        film["similar"] = similar_films(row["id"], film["genres"])
    if "reviews_summary" in appends:
        film["reviews_summary"] = {
            "rating": row["community_rating"],
            "count": row["community_votes"],
            "url": f"/films/{row['public_id']}/#reviews",
        }
    return projection.apply(film)


def _all_credits(film: dict, film_id: int) -> dict:
    rows = (
        Credit.objects.filter(film_id=film_id)
        .order_by("kind", "order", "id")
        .values_list(
            "kind", "department", "job", "character", "order", "person__public_id", "person__name"
        )
    )
    cast, crew_flat = [], []
    crew: dict[str, list[dict]] = defaultdict(list)
    for kind, department, job, character, order, person_id, name in rows:
        if kind == Credit.Kind.CAST:
            cast.append({"id": person_id, "name": name, "character": character, "order": order})
            continue
        crew[department].append({"id": person_id, "name": name, "job": job})
        crew_flat.append({"id": person_id, "name": name, "department": department, "job": job})
        if job == "Director" and film["director"] is None:
            film["director"] = name
        names = film["crew_summary"].get(department.lower())
        if job in KEY_JOBS and names is not None and name not in names:
            names.append(name)
    rank = {name: i for i, name in enumerate(Credit.DEPARTMENTS)}
    film["cast"] = cast
    film["crew"] = dict(sorted(crew.items(), key=lambda i: (rank.get(i[0], len(rank)), i[0])))
    return {"cast": cast, "crew": crew_flat}


# Every small list of a film in one round trip: (kind, name, region, offer, link, extra).
_RELATED_SQL = """
SELECT 'genre', g.name, NULL, NULL, NULL, NULL FROM catalog_film_genres x
  JOIN catalog_genre g ON g.id = x.genre_id WHERE x.film_id = %(id)s
UNION ALL SELECT 'keyword', k.name, NULL, NULL, NULL, NULL FROM catalog_film_keywords x
  JOIN catalog_keyword k ON k.id = x.keyword_id WHERE x.film_id = %(id)s
UNION ALL SELECT 'company', c.name, NULL, NULL, NULL, c.origin_country FROM catalog_film_companies x
  JOIN catalog_company c ON c.id = x.company_id WHERE x.film_id = %(id)s
UNION ALL SELECT 'country', c.name, NULL, NULL, NULL, c.code FROM catalog_film_countries x
  JOIN catalog_country c ON c.code = x.country_id WHERE x.film_id = %(id)s
UNION ALL SELECT 'language', l.name, NULL, NULL, NULL, l.code FROM catalog_film_spoken_languages x
  JOIN catalog_language l ON l.code = x.language_id WHERE x.film_id = %(id)s
UNION ALL SELECT 'provider', p.name, x.region, x.offer, x.link, p.logo_url
  FROM catalog_filmwatchprovider x JOIN catalog_watchprovider p ON p.id = x.provider_id
  WHERE x.film_id = %(id)s
UNION ALL SELECT 'alt', a.title, NULL, NULL, NULL, NULL FROM catalog_alternativetitle a
  WHERE a.film_id = %(id)s
ORDER BY 1, 3, 4, 2
"""


def _add_related(film: dict, film_id: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute(_RELATED_SQL, {"id": film_id})
        rows = cursor.fetchall()
    for kind, name, region, offer, link, extra in rows:
        if kind == "genre":
            film["genres"].append(name)
        elif kind == "keyword":
            film["keywords"].append(name)
        elif kind == "company":
            film["companies"].append({"name": name, "origin_country": extra or None})
        elif kind == "country":
            film["countries"].append({"code": extra, "name": name})
        elif kind == "language":
            film["spoken_languages"].append({"code": extra, "name": name})
        elif kind == "alt":
            film["alternative_titles"].append(name)
        else:
            offers = film["watch_providers"].setdefault(region, {})
            offers.setdefault(offer, []).append(
                {"provider": name, "logo_url": extra or None, "link": link or None}
            )


SIMILAR_COLUMNS = ["id", "public_id", "title", "year", "poster_url", "poster_file", "master_score"]


def similar_films(film_id: int, genres: list[str]) -> list[dict]:
    """Films sharing this film's (first two) genres, best master_score first: 1 query."""
    if not genres:
        return []
    films = Film.objects.exclude(id=film_id).filter(master_score__isnull=False)
    through = Film.genres.through
    for name in genres[:2]:
        films = films.filter(
            Exists(through.objects.filter(film_id=OuterRef("pk"), genre__name=name))
        )
    rows = films.order_by(F("master_score").desc(), "-id").values(*SIMILAR_COLUMNS)[:SIMILAR_LIMIT]
    return [
        {
            "id": row["public_id"],
            "title": row["title"],
            "year": row["year"],
            "poster": poster(row),
            "master_score": row["master_score"],
            "links": {
                "self": f"/api/v2/films/{row['public_id']}",
                "web": f"/films/{row['public_id']}/",
            },
        }
        for row in rows
    ]


def image_settings() -> dict:
    return {
        "base_url": settings.REELBASE_IMAGE_BASE_URL,
        "poster_sizes": ["w92", "w154", "w185", "w342", "w500", "w780", "original"],
        "backdrop_sizes": ["w300", "w780", "w1280", "original"],
        "profile_sizes": ["w45", "w185", "h632", "original"],
        "logo_sizes": ["w45", "w92", "w154", "w185", "w300", "w500", "original"],
    }
