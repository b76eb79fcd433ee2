"""GET /api/v2/films/{id}: lookup by IMDb id, tmdb:{n} or slug, detail mode and appends."""

from __future__ import annotations

import pytest

from catalog.models import (
    AlternativeTitle,
    Company,
    Country,
    FilmWatchProvider,
    Keyword,
    Language,
    WatchProvider,
)
from tests.api.helpers import body, error_code, make_godfather
from tests.factories import make_film

pytestmark = pytest.mark.django_db


@pytest.fixture
def godfather():
    film = make_godfather()
    film.keywords.add(Keyword.objects.create(name="mafia"))
    film.companies.add(Company.objects.create(name="Paramount", origin_country="US"))
    film.countries.add(Country.objects.create(code="US", name="United States"))
    film.spoken_languages.add(Language.objects.create(code="en", name="English"))
    AlternativeTitle.objects.create(film=film, title="Il padrino")
    FilmWatchProvider.objects.create(
        film=film,
        provider=WatchProvider.objects.create(name="Paramount+"),
        region="US",
        offer="flatrate",
    )
    return film


@pytest.mark.parametrize("public_id", ["tt0068646", "tmdb:238", "the-godfather-1972"])
def test_a_film_is_found_by_imdb_id_tmdb_id_or_slug(client, godfather, public_id):
    response = client.get(f"/api/v2/films/{public_id}")
    assert response.status_code == 200
    assert body(response)["data"]["id"] == "tt0068646"


@pytest.mark.parametrize("public_id", ["tt9999999", "tmdb:1", "tmdb:abc", "no-such-film"])
def test_an_unknown_id_is_not_found(client, godfather, public_id):
    response = client.get(f"/api/v2/films/{public_id}")
    assert response.status_code == 404 and error_code(response) == "not_found"


def test_detail_mode_adds_full_cast_crew_by_department_and_related_lists(client, godfather):
    film = body(client.get("/api/v2/films/tt0068646"))["data"]
    assert [c["name"] for c in film["cast"]] == ["Marlon Brando", "Al Pacino"]
    assert list(film["crew"]) == ["Directing", "Writing"]  # conventional department order
    assert film["crew"]["Writing"] == [
        {"id": "mario-puzo", "name": "Mario Puzo", "job": "Screenplay"}
    ]
    assert film["keywords"] == ["mafia"]
    assert film["companies"] == [{"name": "Paramount", "origin_country": "US"}]
    assert film["countries"] == [{"code": "US", "name": "United States"}]
    assert film["spoken_languages"] == [{"code": "en", "name": "English"}]
    assert film["alternative_titles"] == ["Il padrino"]
    assert film["watch_providers"] == {
        "US": {"flatrate": [{"provider": "Paramount+", "logo_url": None, "link": None}]}
    }
    assert film["external_ids"] == {
        "imdb_id": "tt0068646",
        "tmdb_id": 238,
        "movielens_id": None,
        "wikipedia": None,
    }
    assert "credits" not in film and "similar" not in film


def test_append_adds_credits_similar_and_reviews_summary(client, godfather):
    make_film(title="The Godfather Part II", genres=["Crime", "Drama"], master_score=90)
    make_film(title="Amelie", genres=["Comedy"], master_score=80)
    film = body(client.get("/api/v2/films/tt0068646?append=credits,similar,reviews_summary"))[
        "data"
    ]
    assert {c["job"] for c in film["credits"]["crew"]} == {"Director", "Screenplay"}
    assert len(film["credits"]["cast"]) == 2
    assert [s["title"] for s in film["similar"]] == ["The Godfather Part II"]
    assert film["reviews_summary"] == {
        "rating": None,
        "count": 0,
        "url": "/films/tt0068646/#reviews",
    }


def test_an_unknown_append_is_a_400_listing_the_valid_ones(client, godfather):
    response = client.get("/api/v2/films/tt0068646?append=videos")
    assert response.status_code == 400
    assert "credits, similar, reviews_summary" in body(response)["error"]["message"]


def test_fields_projects_the_detail(client, godfather):
    data = body(client.get("/api/v2/films/tt0068646?fields=title,external_ids.tmdb_id"))["data"]
    assert data == {"title": "The Godfather", "external_ids": {"tmdb_id": 238}}


def test_detail_takes_three_queries(client, godfather, assert_catalog_queries):
    # the film row, its credits (with people), every small related list in one UNION
    with assert_catalog_queries(3):
        assert client.get("/api/v2/films/tt0068646").status_code == 200
    # + one query for similar films
    with assert_catalog_queries(4):
        client.get("/api/v2/films/tt0068646?append=credits,similar,reviews_summary")
