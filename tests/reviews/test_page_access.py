"""Alice owns, Bob doesn't: every private page and action answers Bob (and anonymous
visitors) with a 404 or a login redirect, and changes nothing."""

import pytest
from django.urls import reverse

from reviews import services
from reviews.models import FilmList, LetterboxdImport, ListItem, Review
from tests.factories import make_film

pytestmark = pytest.mark.django_db


@pytest.fixture
def alices(alice):
    film = make_film(title="Alien", year=1979)
    other = make_film(title="Ran", year=1985)
    private = services.list_create(user=alice, name="Private", visibility="private")
    item, _ = services.list_add_item(film_list=private, film=film, note="mine")
    services.list_add_item(film_list=private, film=other)
    review = services.review_create(user=alice, film=film, rating=8, text="Mine").review
    job = LetterboxdImport.objects.create(user=alice, filename="x.zip", upload=b"", status="done")
    return {"list": private, "item": item, "review": review, "job": job, "film": other}


def state(alice) -> tuple:
    return (
        list(FilmList.objects.values_list("id", "name", "visibility", "ranked", "description")),
        list(ListItem.objects.values_list("id", "position", "note")),
        list(Review.objects.values_list("id", "rating", "text")),
        LetterboxdImport.objects.count(),
    )


def private_requests(d):
    token, item, review = d["list"].token, d["item"].pk, d["review"].pk
    return [
        ("get", reverse("reviews:list_detail", args=[token]), {}),
        ("get", reverse("reviews:list_edit", args=[token]), {}),
        (
            "post",
            reverse("reviews:list_edit", args=[token]),
            {"name": "Bob's", "visibility": "public"},
        ),
        ("post", reverse("reviews:list_delete", args=[token]), {}),
        ("post", reverse("reviews:list_reorder", args=[token]), {"order": ""}),
        ("post", reverse("reviews:item_add", args=[token]), {"film": d["film"].public_id}),
        ("post", reverse("reviews:item_move", args=[token, item]), {"direction": "down"}),
        ("post", reverse("reviews:item_remove", args=[token, item]), {}),
        ("post", reverse("reviews:item_note", args=[token, item]), {"note": "bob"}),
        ("post", reverse("reviews:add_to_list", args=[d["film"].public_id]), {"list": token}),
        ("get", reverse("reviews:review_edit", args=[review]), {}),
        ("post", reverse("reviews:review_edit", args=[review]), {"rating": "1"}),
        ("post", reverse("reviews:review_delete", args=[review]), {}),
        ("get", reverse("reviews:letterboxd_import", args=[d["job"].pk]), {}),
        ("post", reverse("reviews:letterboxd_import_delete", args=[d["job"].pk]), {}),
    ]


def test_bob_gets_a_404_for_every_private_page_of_alices_and_nothing_changes(
    client, alice, bob, alices
):
    before = state(alice)
    client.force_login(bob)
    for method, url, data in private_requests(alices):
        response = getattr(client, method)(url, data)
        assert response.status_code == 404, (method, url)
    assert state(alice) == before


def test_anonymous_visitors_get_a_404_or_the_login_page_and_nothing_changes(client, alice, alices):
    before = state(alice)
    for method, url, data in private_requests(alices):
        response = getattr(client, method)(url, data)
        assert response.status_code == 404 or "/accounts/login/" in response["Location"], url
    assert state(alice) == before


def test_alice_can_open_each_of_her_own_private_pages(client, alice, alices):
    client.force_login(alice)
    for method, url, _ in private_requests(alices):
        if method == "get":
            assert client.get(url).status_code == 200, url


def test_a_private_profile_is_a_404_for_others_but_not_for_its_owner(client, alice, bob):
    alice.profile_public = False
    alice.save()
    pages = ["profile", "diary", "reviews", "user_lists"]
    client.force_login(bob)
    for name in pages:
        assert client.get(reverse(f"reviews:{name}", args=["alice"])).status_code == 404, name
    client.force_login(alice)
    for name in pages:
        assert client.get(reverse(f"reviews:{name}", args=["alice"])).status_code == 200, name


def test_a_watchlist_is_shown_to_others_only_when_public(client, alice, bob):
    film = make_film(title="Stalker")
    services.watchlist_add(user=alice, film=film)
    url = reverse("reviews:user_watchlist", args=["alice"])
    client.force_login(bob)
    assert "Stalker" in client.get(url).content.decode()
    alice.watchlist_public = False
    alice.save()
    assert client.get(url).status_code == 404
    client.force_login(alice)
    assert client.get(url).status_code == 200
