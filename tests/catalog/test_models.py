import pytest
from django.db import IntegrityError

from catalog.models import Film, Person
from catalog.text import normalise_title, restore_trailing_article
from tests.factories import make_credit, make_film, make_person

pytestmark = pytest.mark.django_db


def test_a_film_with_an_imdb_id_is_published_under_it():
    film = make_film(title="The Godfather", year=1972, imdb_id="tt0068646")
    assert film.public_id == "tt0068646"
    assert film.get_absolute_url() == "/films/tt0068646/"


def test_a_film_without_an_imdb_id_gets_a_stable_slug():
    film = make_film(title="The Godfather", year=1972)
    assert film.public_id == "the-godfather-1972"
    film.save()
    assert film.public_id == "the-godfather-1972"


@pytest.mark.parametrize(
    ("public_id", "expected"),
    [
        ("tt0068646", True),
        ("tmdb:238", True),
        ("the-godfather-1972", True),
        ("tmdb:abc", False),
        ("tt9999999", False),
    ],
)
def test_films_are_found_by_any_public_id(public_id, expected):
    make_film(
        title="The Godfather",
        year=1972,
        imdb_id="tt0068646",
        tmdb_id=238,
        slug="the-godfather-1972",
    )
    assert Film.objects.by_public_id(public_id).exists() is expected


def test_has_poster_follows_the_poster_fields():
    assert make_film(poster_url="https://example.org/p.jpg").has_poster
    assert not make_film().has_poster


def test_a_person_cannot_hold_the_same_job_twice_on_one_film():
    film, person = make_film(), make_person(name="Francis Ford Coppola")
    make_credit(film, person, kind="crew")
    with pytest.raises(IntegrityError):
        make_credit(film, person, kind="crew")


def test_a_person_is_published_under_imdb_id_or_slug():
    assert make_person(name="Al Pacino", imdb_id="nm0000199").public_id == "nm0000199"
    assert make_person(name="Zoë Kravitz").public_id == "zoe-kravitz"
    assert Person.objects.by_public_id("zoe-kravitz").exists()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("The Godfather", "godfather"),
        ("Godfather, The", "godfather"),
        ("GODFATHER", "godfather"),
        ("Amélie", "amelie"),
        ("Léon: The Professional", "leon the professional"),
        ("Fast & Furious", "fast and furious"),
        ("The", "the"),
    ],
)
def test_titles_normalise_for_matching(raw, expected):
    assert normalise_title(raw) == expected


def test_trailing_articles_move_back_to_the_front():
    assert restore_trailing_article("Godfather, The") == "The Godfather"
    assert restore_trailing_article("Mort, L'") == "L'Mort"
    assert restore_trailing_article("Toy Story") == "Toy Story"
