"""People, genres and configuration endpoints."""

from __future__ import annotations

import pytest

from tests.api.helpers import body, error_code, make_godfather
from tests.factories import make_person

pytestmark = pytest.mark.django_db


def test_people_are_searched_by_name_and_department(client):
    make_godfather()
    make_person(name="Francis Bacon", known_for_department="Art")
    make_person(name="Frances McDormand", known_for_department="Acting", popularity=50)
    names = [p["name"] for p in body(client.get("/api/v2/people?q=franc"))["data"]]
    assert names[0] == "Frances McDormand"  # most popular first
    assert sorted(names[1:]) == ["Francis Bacon", "Francis Ford Coppola"]
    acting = body(client.get("/api/v2/people?q=franc&known_for_department=Acting"))["data"]
    assert [p["name"] for p in acting] == ["Frances McDormand"]


def test_people_parameters_are_strict(client):
    response = client.get("/api/v2/people?known_for_department=Catering")
    assert response.status_code == 400 and "Directing" in body(response)["error"]["message"]
    assert client.get("/api/v2/people?q=x").status_code == 400


def test_a_person_has_combined_credits_by_department(client, assert_catalog_queries):
    make_godfather()
    with assert_catalog_queries(2):  # the person, their credits (with films)
        response = client.get("/api/v2/people/nm0000338")
    person = body(response)["data"]
    assert person["name"] == "Francis Ford Coppola"
    assert person["credits"]["crew"]["Directing"][0]["film"]["id"] == "tt0068646"
    assert person["credits"]["crew"]["Directing"][0]["job"] == "Director"
    brando = body(client.get("/api/v2/people/nm0000008"))["data"]
    assert brando["credits"]["cast"][0]["character"] == "Vito"


def test_an_unknown_person_is_not_found(client):
    response = client.get("/api/v2/people/nm0")
    assert response.status_code == 404 and error_code(response) == "not_found"


def test_genres_list_every_genre_with_a_films_link(client):
    make_godfather()
    data = body(client.get("/api/v2/genres"))["data"]
    assert data == [
        {"id": "crime", "name": "Crime", "links": {"films": "/api/v2/films?genre=crime"}},
        {"id": "drama", "name": "Drama", "links": {"films": "/api/v2/films?genre=drama"}},
    ]


def test_configuration_gives_image_base_urls_and_list_options(client):
    data = body(client.get("/api/v2/configuration"))["data"]
    assert data["images"]["base_url"] == "http://testserver/media/"
    assert "original" in data["images"]["poster_sizes"]
    assert data["films"]["limit"] == {"min": 1, "max": 500, "default": 50}
