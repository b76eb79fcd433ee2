"""Small helpers for the API tests: a catalog worth paging through, JSON and NDJSON reads."""

from __future__ import annotations

import json

from catalog.models import Credit, Film
from tests.factories import make_credit, make_film, make_person


def body(response) -> dict:
    return json.loads(
        b"".join(response.streaming_content) if response.streaming else response.content
    )


def ndjson(response) -> list[dict]:
    content = b"".join(response.streaming_content)
    return [json.loads(line) for line in content.splitlines()]


def error_code(response) -> str:
    return body(response)["error"]["code"]


def make_godfather() -> Film:
    film = make_film(
        title="The Godfather",
        imdb_id="tt0068646",
        tmdb_id=238,
        year=1972,
        runtime=175,
        imdb_rating=9.2,
        imdb_votes=2_000_000,
        rt_critics=97,
        tmdb_rating=8.7,
        master_score=95.4,
        overview="The aging patriarch of an organized crime dynasty transfers control.",
        genres=["Crime", "Drama"],
        poster_url="https://example.org/godfather.jpg",
        awards=[
            {"name": "Academy Awards", "category": "Best Picture", "year": 1973, "result": "won"}
        ],
    )
    make_credit(
        film, make_person(name="Marlon Brando", imdb_id="nm0000008"), character="Vito", order=0
    )
    make_credit(
        film, make_person(name="Al Pacino", imdb_id="nm0000199"), character="Michael", order=1
    )
    make_credit(
        film, make_person(name="Francis Ford Coppola", imdb_id="nm0000338"), kind=Credit.Kind.CREW
    )
    make_credit(
        film,
        make_person(name="Mario Puzo"),
        kind=Credit.Kind.CREW,
        department="Writing",
        job="Screenplay",
    )
    return film


def make_catalog(n: int = 30) -> list[Film]:
    """Films with repeated scores (ties) and some without a score (NULLs)."""
    films = []
    for i in range(n):
        films.append(
            make_film(
                title=f"Film {i:03d}",
                year=1950 + i % 7,
                master_score=None if i % 5 == 0 else float(50 + i % 4),
                imdb_rating=5 + (i % 5),
                genres=["Drama"] if i % 2 else ["Drama", "Science Fiction"],
            )
        )
    return films
