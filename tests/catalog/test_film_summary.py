"""PostgreSQL's per-film list summary (migration 0007) stays equal to the Python rendering
through every kind of write, and the COPY-based stream passes any text through intact."""

from __future__ import annotations

import json

import pytest
from django.db import connection, transaction

from catalog.api.films import FILM_COLUMNS, list_films
from catalog.api.params import Projection
from catalog.fulltext import deferred_search
from catalog.models import Credit, Film, Genre, Person
from tests.api.helpers import make_godfather, ndjson
from tests.factories import make_credit, make_film, make_person

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the summary is PostgreSQL's"),
]

SUMMARY_KEYS = ("genres", "director", "cast", "crew_summary")


def summary_of(film: Film) -> dict:
    """The summary columns as the SQL renderer emits them."""
    from catalog.api import film_json_sql

    fields = Projection(tree=dict.fromkeys(SUMMARY_KEYS))
    films = film_json_sql.with_json(Film.objects.filter(id=film.id), fields)
    return json.loads(films.values_list("film_json", flat=True).get())


def python_summary(film: Film) -> dict:
    """The same parts computed from the credit and genre tables, in Python."""
    row = Film.objects.filter(id=film.id).values(*FILM_COLUMNS).get()
    (rendered,) = list_films([row], Projection())
    return {key: rendered[key] for key in SUMMARY_KEYS}


def test_credits_and_genres_written_through_the_orm_reach_the_summary():
    film = make_godfather()
    assert summary_of(film) == python_summary(film)
    assert summary_of(film)["director"] == "Francis Ford Coppola"
    assert [m["name"] for m in summary_of(film)["cast"]] == ["Marlon Brando", "Al Pacino"]

    film.genres.add(Genre.objects.create(name="Thriller", slug="thriller"))
    caan = make_credit(film, make_person(name="James Caan"), character="Sonny", order=2)
    assert summary_of(film)["genres"] == ["Crime", "Drama", "Thriller"]
    assert summary_of(film)["cast"][-1]["name"] == "James Caan"

    caan.delete()
    film.genres.clear()
    assert summary_of(film) == python_summary(film)
    assert summary_of(film)["genres"] == []
    assert "James Caan" not in json.dumps(summary_of(film))


def test_renaming_a_person_or_a_genre_refreshes_their_films():
    film = make_godfather()
    Person.objects.filter(name="Marlon Brando").update(name="Marlon B.")
    Genre.objects.filter(name="Crime").update(name="Gangster")
    summary = summary_of(film)
    assert summary["cast"][0]["name"] == "Marlon B."
    assert summary["genres"] == ["Drama", "Gangster"]
    assert summary == python_summary(film)


def test_only_key_jobs_and_top_cast_are_summarised():
    film = make_film(title="Crowded")
    for order in range(7):
        make_credit(film, make_person(name=f"Actor {order}"), order=order)
    make_credit(
        film, make_person(name="Grip"), kind=Credit.Kind.CREW, department="Crew", job="Grip"
    )
    summary = summary_of(film)
    assert [m["order"] for m in summary["cast"]] == [0, 1, 2, 3, 4]
    assert "Grip" not in json.dumps(summary)
    assert summary == python_summary(film)


def test_a_deferred_bulk_load_fills_every_summary_when_it_ends():
    with transaction.atomic(), deferred_search():
        film = make_godfather()
        with connection.cursor() as cursor:
            cursor.execute("SELECT summary_cast FROM catalog_film WHERE id = %s", [film.id])
            assert cursor.fetchone() == (None,)  # the triggers stood aside
    assert summary_of(film) == python_summary(film)
    assert summary_of(film)["director"] == "Francis Ford Coppola"


@pytest.mark.parametrize(
    "title",
    [
        'Back\\slash "quoted", comma',
        "Line\nbreak\r\tand tab",
        "Control \x01 and \x02 characters",
        "Ünïcödé — 東京物語 🎬",
    ],
)
def test_the_stream_passes_any_title_through_copy_intact(client, title):
    film = make_film(title=title, overview="x" * 5000)
    make_credit(film, make_person(name='Quote " Person \\'), character="A\nB", order=0)
    lines = ndjson(client.get("/api/v2/films/stream"))
    assert [line["title"] for line in lines] == [title]
    assert lines[0]["cast"][0] == {
        "id": Person.objects.get().public_id,
        "name": 'Quote " Person \\',
        "character": "A\nB",
        "order": 0,
    }
