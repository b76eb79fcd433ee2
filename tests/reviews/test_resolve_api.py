import pytest

from tests.factories import make_film

pytestmark = pytest.mark.django_db
URL = "/api/v2/resolve"


@pytest.fixture
def godfather():
    make_film(title="The Godfather Part II", year=1974, tmdb_id=240)
    return make_film(title="The Godfather", year=1972, imdb_id="tt0068646", tmdb_id=238)


def test_it_resolves_a_loose_title_for_anyone(client, godfather):
    response = client.get(URL, {"title": "Godfather, The", "year": 1972})
    assert response.status_code == 200
    data = response.json()["data"]
    assert data["match"]["film"]["tmdb_id"] == 238
    assert data["match"]["confidence"] == "high" and data["match"]["score"] == 1.0
    assert 1 <= len(data["candidates"]) <= 5
    assert all(0 <= c["score"] <= 1 for c in data["candidates"])


def test_a_typo_still_matches(client, godfather):
    assert (
        client.get(URL, {"title": "godfathr"}).json()["data"]["match"]["film"]["id"] == "tt0068646"
    )


def test_nothing_plausible_is_a_null_match(client, godfather):
    data = client.get(URL, {"title": "Qwxyzzy Plonk"}).json()["data"]
    assert data["match"] is None


def test_tv_titles_resolve_to_nothing_in_a_film_catalog(client, godfather):
    assert client.get(URL, {"title": "The Godfather", "media_type": "tv"}).json()["data"] == {
        "match": None,
        "candidates": [],
    }


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"title": ""},
        {"title": "x" * 201},
        {"title": "a", "year": "abc"},
        {"title": "a", "media_type": "book"},
        {"title": "a", "colour": "red"},
    ],
)
def test_bad_parameters_are_400(client, params):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_request"
