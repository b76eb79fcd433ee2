"""The FilmFilterSet shared by the browse page and the films API."""

from __future__ import annotations

import pytest
from django.db import connection

from catalog.filters import FilmFilterSet, SortError, order_films, parse_sort
from catalog.models import Credit, Film
from tests.factories import make_credit, make_film, make_person

pytestmark = pytest.mark.django_db


def titles(params: dict) -> list[str]:
    filterset = FilmFilterSet(params, queryset=Film.objects.for_list())
    assert filterset.is_valid(), filterset.errors
    return [f.title for f in order_films(filterset.qs, parse_sort(None, has_query=False))]


def errors(params: dict) -> dict:
    filterset = FilmFilterSet(params, queryset=Film.objects.all())
    assert not filterset.is_valid()
    return filterset.errors


def test_genres_are_and_matched_case_insensitively_with_aliases():
    make_film(title="Alien", genres=["Horror", "Science Fiction"], master_score=80)
    make_film(title="Solaris", genres=["Science Fiction", "Drama"], master_score=70)
    make_film(title="Psycho", genres=["Horror"], master_score=75)
    assert titles({"genre": "sci-fi"}) == ["Alien", "Solaris"]
    assert titles({"genre": "HORROR,Science Fiction"}) == ["Alien"]


def test_an_unknown_genre_names_the_valid_ones():
    make_film(genres=["Drama"])
    message = errors({"genre": "Nope"})["genre"][0]
    assert "Drama" in message and "Nope" in message


def test_it_filters_by_decade_years_rating_score_votes_language_and_poster():
    make_film(
        title="A",
        year=1985,
        imdb_rating=8.1,
        master_score=90,
        imdb_votes=500,
        original_language="en",
        poster_url="https://x/p.jpg",
    )
    make_film(
        title="B",
        year=1979,
        imdb_rating=8.5,
        master_score=91,
        imdb_votes=10,
        original_language="fr",
    )
    assert titles({"decade": "1980s"}) == ["A"]
    assert titles({"decade": "1970"}) == ["B"]
    assert titles({"year_min": "1980", "year_max": "1990"}) == ["A"]
    assert titles({"min_rating": "8.2"}) == ["B"]
    assert titles({"min_score": "90.5"}) == ["B"]
    assert titles({"min_votes": "100"}) == ["A"]
    assert titles({"language": "FR"}) == ["B"]
    assert titles({"has_poster": "true"}) == ["A"]
    assert titles({"has_poster": "false"}) == ["B"]


def test_it_filters_by_director_and_actor_substring_ignoring_case_and_accents():
    godfather = make_film(title="The Godfather")
    make_film(title="Other")
    make_credit(godfather, make_person(name="Francis Ford Coppola"), kind=Credit.Kind.CREW)
    make_credit(godfather, make_person(name="Al Pacino"), kind=Credit.Kind.CAST)
    assert titles({"director": "coppola"}) == ["The Godfather"]
    assert titles({"actor": "PACÍNO"}) == ["The Godfather"]
    assert titles({"director": "pacino"}) == []


def test_q_searches_title_overview_people_and_keywords():
    godfather = make_film(title="The Godfather", overview="A mafia family saga")
    make_film(title="Heat", overview="A cop and a thief")
    make_credit(godfather, make_person(name="Marlon Brando"))
    assert titles({"q": "godfather"}) == ["The Godfather"]
    assert titles({"q": "mafia"}) == ["The Godfather"]
    assert titles({"q": "brando"}) == ["The Godfather"]


@pytest.mark.parametrize(
    ("params", "field", "expected"),
    [
        ({"min_rating": "abc"}, "min_rating", "must be a number between 0 and 10"),
        ({"min_rating": "11"}, "min_rating", "must be a number between 0 and 10"),
        ({"min_rating": "nan"}, "min_rating", "must be a number between 0 and 10"),
        ({"year_min": "1990.5"}, "year_min", "must be a whole year between 1870 and 2100"),
        ({"decade": "199"}, "decade", "must be a decade like 1990s or 1990"),
        ({"has_poster": "maybe"}, "has_poster", "must be true or false"),
        ({"language": "eng"}, "language", "must be a two-letter ISO 639-1 code such as en"),
        ({"director": "x"}, "director", "must be 2 to 100 characters of a director's name"),
    ],
)
def test_bad_values_are_errors_that_say_what_is_allowed(params, field, expected):
    assert errors(params)[field] == [expected]


def test_sort_is_an_allow_list_and_relevance_needs_q():
    assert parse_sort("year:asc", has_query=False).column == "year"
    assert parse_sort(None, has_query=True).column == "search_rank"
    with pytest.raises(SortError):
        parse_sort("bogus:desc", has_query=False)
    with pytest.raises(SortError):
        parse_sort("relevance:desc", has_query=False)
    with pytest.raises(SortError):
        parse_sort("year:sideways", has_query=False)


def test_a_deferred_bulk_load_is_searchable_once_it_ends():
    from django.db import transaction

    from catalog.fulltext import deferred_search

    with transaction.atomic(), deferred_search():
        film = make_film(title="Zebra Story", overview="stripes")
        make_credit(film, make_person(name="Quentin Xylophone"))
    assert titles({"q": "xylophone"}) == ["Zebra Story"]
    assert titles({"q": "stripes"}) == ["Zebra Story"]


def test_credits_added_after_the_film_make_it_searchable_by_name():
    film = make_film(title="Quiet Film")
    assert titles({"q": "marigold"}) == []
    make_credit(film, make_person(name="Anna Marigold"))
    assert titles({"q": "marigold"}) == ["Quiet Film"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the typo path is pg_trgm's")
def test_a_misspelled_word_is_corrected_against_title_words():
    make_film(title="The Godfather", overview="A crime family.")
    make_film(title="Chinatown", overview="A detective story.")
    assert titles({"q": "godfater"}) == ["The Godfather"]
    assert titles({"q": "chinatwn detectve"}) == ["Chinatown"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the typo path is pg_trgm's")
def test_a_renamed_film_adds_its_new_title_words():
    from catalog.fulltext import corrected_words

    film = make_film(title="Working Title")
    film.title = "Zanzibar Nights"
    film.save()
    assert corrected_words("zanzibr") == "zanzibar"
