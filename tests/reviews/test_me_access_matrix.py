"""Alice owns, Bob doesn't: every /me route named with Alice's ids answers Bob 404
`not_found` and changes nothing (Bob is on the Producer plan, so plans are not the reason)."""

import pytest

from reviews import services
from reviews.models import FilmList, ListItem, Review, WatchlistEntry
from tests.factories import make_film

pytestmark = pytest.mark.django_db


@pytest.fixture
def alices(alice):
    film = make_film(title="Alien", imdb_id="tt0078748")
    other = make_film(title="Ran", imdb_id="tt0089881")
    review = services.review_create(user=alice, film=film, rating=8).review
    services.watchlist_add(user=alice, film=other)
    film_list = services.list_create(user=alice, name="Private", visibility="private")
    item, _ = services.list_add_item(film_list=film_list, film=film)
    return {"review": review, "list": film_list, "item": item}


def state() -> tuple:
    return (
        list(Review.objects.values_list("id", "user_id", "rating", "text")),
        list(WatchlistEntry.objects.values_list("id", "user_id", "film_id")),
        list(FilmList.objects.values_list("id", "name", "visibility")),
        list(ListItem.objects.values_list("id", "position", "note")),
    )


def test_bob_cannot_touch_any_of_alices_objects(key_client, bob, alices):
    bobs = key_client(plan="producer", user=bob)
    review, film_list, item = alices["review"].pk, alices["list"].pk, alices["item"].pk
    calls = [
        ("get", f"/api/v2/me/reviews/{review}", None),
        ("patch", f"/api/v2/me/reviews/{review}", {"rating": 1}),
        ("delete", f"/api/v2/me/reviews/{review}", None),
        ("get", f"/api/v2/me/lists/{film_list}", None),
        ("patch", f"/api/v2/me/lists/{film_list}", {"name": "Bob's now"}),
        ("delete", f"/api/v2/me/lists/{film_list}", None),
        ("get", f"/api/v2/me/lists/{film_list}/items", None),
        ("post", f"/api/v2/me/lists/{film_list}/items", {"film": "tt0089881"}),
        ("patch", f"/api/v2/me/lists/{film_list}/items/{item}", {"position": 1, "note": "x"}),
        ("delete", f"/api/v2/me/lists/{film_list}/items/{item}", None),
        ("delete", "/api/v2/me/watchlist/tt0089881", None),
    ]
    before = state()
    for method, url, payload in calls:
        response = getattr(bobs, method)(url, payload, format="json")
        assert response.status_code == 404, (method, url)
        assert response.json()["error"]["code"] == "not_found"
    assert state() == before


def test_bobs_collections_do_not_include_alices_data(key_client, bob, alices):
    bobs = key_client(plan="producer", user=bob)
    for url in ("/api/v2/me/reviews", "/api/v2/me/watchlist", "/api/v2/me/lists"):
        body = bobs.get(url).json()
        assert body["data"] == [] and body["meta"]["total"] == 0, url


def test_a_free_plan_session_user_gets_plan_required(client, alice, alices):
    client.force_login(alice)
    response = client.get("/api/v2/me/reviews")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "plan_required"
