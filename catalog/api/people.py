"""Person objects for the people endpoints, rendered from `.values()` rows."""

from __future__ import annotations

from collections import defaultdict

from catalog.api.films import poster
from catalog.api.params import FieldTree, Projection
from catalog.models import Credit

PERSON_COLUMNS = [
    "id",
    "public_id",
    "slug",
    "imdb_id",
    "tmdb_id",
    "name",
    "known_for_department",
    "birth_year",
    "death_year",
    "birthday",
    "deathday",
    "place_of_birth",
    "profile_url",
    "popularity",
]
# A prolific crew member can have thousands of credits; the detail carries at most this many.
MAX_CREDITS = 2000

PERSON_FIELDS: FieldTree = {
    "id": None,
    "imdb_id": None,
    "tmdb_id": None,
    "slug": None,
    "name": None,
    "known_for_department": None,
    "birth_year": None,
    "death_year": None,
    "birthday": None,
    "deathday": None,
    "place_of_birth": None,
    "profile_url": None,
    "popularity": None,
    "links": {"self": None, "web": None, "imdb": None, "tmdb": None},
}
PERSON_DETAIL_FIELDS: FieldTree = {**PERSON_FIELDS, "biography": None, "credits": None}


def person(row: dict) -> dict:
    public_id = row["public_id"]
    return {
        "id": public_id,
        "imdb_id": row["imdb_id"],
        "tmdb_id": row["tmdb_id"],
        "slug": row["slug"],
        "name": row["name"],
        "known_for_department": row["known_for_department"] or None,
        "birth_year": row["birth_year"],
        "death_year": row["death_year"],
        "birthday": row["birthday"],
        "deathday": row["deathday"],
        "place_of_birth": row["place_of_birth"] or None,
        "profile_url": row["profile_url"] or None,
        "popularity": row["popularity"],
        "links": {
            "self": f"/api/v2/people/{public_id}",
            "web": f"/people/{public_id}/",
            "imdb": f"https://www.imdb.com/name/{row['imdb_id']}/" if row["imdb_id"] else None,
            "tmdb": (
                f"https://www.themoviedb.org/person/{row['tmdb_id']}" if row["tmdb_id"] else None
            ),
        },
    }


def list_people(rows: list[dict], projection: Projection) -> list[dict]:
    return [projection.apply(person(row)) for row in rows]


def person_detail(row: dict, biography: str, projection: Projection) -> dict:
    """Combined credits (cast, and crew by department), newest first: 1 more query."""
    data = person(row)
    data["biography"] = biography
    data["credits"] = combined_credits(row["id"])
    return projection.apply(data)


def combined_credits(person_id: int) -> dict:
    rows = (
        Credit.objects.filter(person_id=person_id)
        .order_by("-film__year", "film__title", "id")
        .values_list(
            "kind",
            "department",
            "job",
            "character",
            "order",
            "film__public_id",
            "film__title",
            "film__year",
            "film__poster_url",
            "film__poster_file",
            "film__master_score",
        )[:MAX_CREDITS]
    )
    cast: list[dict] = []
    crew: dict[str, list[dict]] = defaultdict(list)
    for kind, department, job, character, order, film_id, title, year, url, file, score in rows:
        film = {
            "id": film_id,
            "title": title,
            "year": year,
            "poster": poster({"poster_url": url, "poster_file": file}),
            "master_score": score,
        }
        if kind == Credit.Kind.CAST:
            cast.append({"film": film, "character": character, "order": order})
        else:
            crew[department].append({"film": film, "job": job})
    rank = {name: i for i, name in enumerate(Credit.DEPARTMENTS)}
    ordered = dict(sorted(crew.items(), key=lambda i: (rank.get(i[0], len(rank)), i[0])))
    return {"cast": cast, "crew": ordered}
