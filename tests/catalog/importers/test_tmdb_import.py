import datetime as dt

import pytest

from catalog.models import Credit, Film, Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def godfather_json(fixtures):
    return fixtures / "tmdb" / "godfather.json"


@pytest.fixture
def ndjson(fixtures):
    return fixtures / "tmdb" / "movies.ndjson"


def test_it_imports_a_movie_details_object(import_catalog, godfather_json):
    import_catalog("tmdb", godfather_json)

    film = Film.objects.get(tmdb_id=238)
    assert (film.imdb_id, film.title, film.release_date, film.year) == (
        "tt0068646",
        "The Godfather",
        dt.date(1972, 3, 14),
        1972,
    )
    assert (film.runtime, film.budget, film.revenue) == (175, 6000000, 245066411)
    assert (film.tmdb_rating, film.tmdb_votes, film.popularity) == (8.7, 20000, 120.5)
    assert film.tagline == "An offer you can't refuse." and film.overview_source == "tmdb"
    assert film.poster_url == "https://image.tmdb.org/t/p/w500/3bhkrj58Vtu7enYsRolD1fZdja1.jpg"
    assert sorted(film.keywords.values_list("name", flat=True)) == ["italy", "mafia"]
    assert sorted(film.companies.values_list("name", flat=True)) == [
        "Alfran Productions",
        "Paramount Pictures",
    ]
    assert list(film.countries.values_list("code", flat=True)) == ["US"]
    assert sorted(film.spoken_languages.values_list("code", flat=True)) == ["en", "it"]


def test_it_imports_cast_with_characters_and_crew_by_department(import_catalog, godfather_json):
    import_catalog("tmdb", godfather_json)

    film = Film.objects.get(tmdb_id=238)
    cast = film.credits.filter(kind=Credit.Kind.CAST).order_by("order")
    assert [(c.person.name, c.character, c.order) for c in cast][:2] == [
        ("Marlon Brando", "Don Vito Corleone", 0),
        ("Al Pacino", "Don Michael Corleone", 1),
    ]
    coppola = Person.objects.get(tmdb_id=1776)
    assert set(coppola.credits.values_list("department", "job")) == {
        ("Directing", "Director"),
        ("Writing", "Screenplay"),
    }
    assert Person.objects.get(tmdb_id=3084).profile_url.endswith("fuTEPMsBtV1zE98ujPONbKiYDc2.jpg")


def test_it_reads_ndjson_reporting_bad_lines_and_importing_the_rest(import_catalog, ndjson):
    result = import_catalog("tmdb", ndjson)

    assert "movies.ndjson:2: invalid JSON" in result.err
    assert "movies.ndjson:3: bad id None" in result.err
    assert set(Film.objects.values_list("tmdb_id", flat=True)) == {348, 194}
    assert Film.objects.get(tmdb_id=194).original_title == "Le Fabuleux Destin d'Amélie Poulain"


def test_a_second_run_changes_nothing(import_catalog, godfather_json, ndjson):
    import_catalog("tmdb", godfather_json, ndjson)

    result = import_catalog("tmdb", godfather_json, ndjson)

    assert result.summary.endswith("0 created, 0 updated, 3 unchanged, 0 skipped, 2 errors")
