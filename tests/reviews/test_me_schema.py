"""The /me and /resolve responses match their components in the published OpenAPI document."""

import json

import pytest

from reviews import services
from tests.api.test_openapi import assert_valid
from tests.factories import make_film

pytestmark = pytest.mark.django_db


@pytest.fixture
def openapi(client) -> dict:
    return json.loads(client.get("/api/v2/openapi.json").content)


def test_me_responses_match_the_schema(key_client, alice, openapi):
    producer = key_client(plan="producer", user=alice)
    film = make_film(title="Alien", year=1979, imdb_id="tt0078748", tmdb_id=348)
    created = producer.post(
        "/api/v2/me/reviews", {"film": "tt0078748", "rating": 9, "tags": ["x"]}, format="json"
    ).json()
    assert_valid(openapi, "ReviewCreateEnvelope", created)
    assert_valid(
        openapi, "ReviewListEnvelope", producer.get("/api/v2/me/reviews").json(), strict=False
    )
    batch = producer.post(
        "/api/v2/me/reviews/batch",
        {"reviews": [{"film": "tt0078748", "rating": 9}, {"film": "x"}]},
        format="json",
    ).json()
    assert_valid(openapi, "BatchEnvelope", batch)
    producer.post("/api/v2/me/watchlist", {"film": "tt0078748"}, format="json")
    assert_valid(openapi, "WatchlistListEnvelope", producer.get("/api/v2/me/watchlist").json())
    film_list = services.list_create(user=alice, name="L")
    services.list_add_item(film_list=film_list, film=film)
    assert_valid(openapi, "MemberListPage", producer.get("/api/v2/me/lists").json())
    items = producer.get(f"/api/v2/me/lists/{film_list.pk}/items").json()
    assert_valid(openapi, "ListItemListEnvelope", items)
    resolved = producer.get("/api/v2/resolve", {"title": "alien"}).json()
    assert_valid(openapi, "ResolveEnvelope", resolved)
    error = producer.post("/api/v2/me/reviews", {"film": "tt0000404"}, format="json").json()
    assert_valid(openapi, "Error", error)
