import pytest

from reviews import services
from reviews.models import FilmList, ListItem, WatchlistEntry
from tests.factories import make_film

pytestmark = pytest.mark.django_db


@pytest.fixture
def films():
    return [make_film(title=f"Film {n}", imdb_id=f"tt100000{n}", tmdb_id=100 + n) for n in range(4)]


def titles(response) -> list[str]:
    return [row["film"]["title"] for row in response.json()["data"]]


def test_the_watchlist_is_added_to_listed_newest_first_and_removed_from(producer, films):
    assert (
        producer.post("/api/v2/me/watchlist", {"film": "tt1000000"}, format="json").status_code
        == 201
    )
    assert (
        producer.post(
            "/api/v2/me/watchlist", {"tmdb_id": 101, "media_type": "movie"}, format="json"
        ).status_code
        == 201
    )
    assert (
        producer.post("/api/v2/me/watchlist", {"film": "tt1000000"}, format="json").status_code
        == 200
    )
    assert titles(producer.get("/api/v2/me/watchlist")) == ["Film 1", "Film 0"]
    assert producer.delete("/api/v2/me/watchlist/tt1000000").status_code == 204
    assert producer.delete("/api/v2/me/watchlist/tt1000000").status_code == 404
    missing = producer.delete("/api/v2/me/watchlist/tt0000404")
    assert missing.json()["error"]["code"] == "media_not_found"
    assert (
        producer.post(
            "/api/v2/me/watchlist", {"film": "tt1000002", "x": 1}, format="json"
        ).status_code
        == 400
    )
    assert WatchlistEntry.objects.count() == 1


def test_a_ranked_list_is_built_moved_and_read_in_rank_order(producer, films):
    created = producer.post(
        "/api/v2/me/lists", {"name": "Top", "ranked": True, "visibility": "unlisted"}, format="json"
    )
    assert created.status_code == 201
    list_id = created.json()["data"]["id"]
    items = f"/api/v2/me/lists/{list_id}/items"
    for film in films[:3]:
        assert (
            producer.post(
                items, {"film": film.public_id, "note": film.title}, format="json"
            ).status_code
            == 201
        )
    again = producer.post(items, {"film": films[0].public_id}, format="json")
    assert again.status_code == 200
    front = producer.post(items, {"film": films[3].public_id, "position": 1}, format="json")
    assert front.json()["data"]["position"] == 1
    assert titles(producer.get(items)) == ["Film 3", "Film 0", "Film 1", "Film 2"]

    last = ListItem.objects.get(film=films[2])
    moved = producer.patch(f"{items}/{last.pk}", {"position": 1, "note": "Best"}, format="json")
    assert moved.status_code == 200 and moved.json()["data"]["note"] == "Best"
    assert titles(producer.get(items)) == ["Film 2", "Film 3", "Film 0", "Film 1"]
    assert list(ListItem.objects.order_by("position").values_list("position", flat=True)) == [
        1,
        2,
        3,
        4,
    ]

    assert producer.delete(f"{items}/{last.pk}").status_code == 204
    assert titles(producer.get(items)) == ["Film 3", "Film 0", "Film 1"]
    detail = producer.get(f"/api/v2/me/lists/{list_id}").json()["data"]
    assert (detail["item_count"], detail["visibility"], detail["ranked"]) == (3, "unlisted", True)


def test_lists_are_listed_edited_and_deleted(producer, alice):
    services.list_create(user=alice, name="Old")
    new = services.list_create(user=alice, name="New", visibility="private")
    assert [row["name"] for row in producer.get("/api/v2/me/lists").json()["data"]] == [
        "New",
        "Old",
    ]
    url = f"/api/v2/me/lists/{new.pk}"
    response = producer.patch(url, {"name": "Renamed", "visibility": "public"}, format="json")
    assert response.json()["data"]["name"] == "Renamed"
    assert producer.patch(url, {"visibility": "secret"}, format="json").status_code == 400
    assert producer.patch(url, {"owner": 2}, format="json").status_code == 400
    assert producer.delete(url).status_code == 204
    assert list(FilmList.objects.values_list("name", flat=True)) == ["Old"]


@pytest.mark.parametrize(
    "payload",
    [{}, {"name": ""}, {"name": "x" * 201}, {"name": "A", "ranked": "yes"}, {"name": "A", "id": 3}],
)
def test_bad_list_bodies_are_400(producer, payload):
    assert producer.post("/api/v2/me/lists", payload, format="json").status_code == 400
    assert not FilmList.objects.exists()


def test_a_bad_position_is_400_and_moves_nothing(producer, alice, films):
    film_list = services.list_create(user=alice, name="L")
    item, _ = services.list_add_item(film_list=film_list, film=films[0])
    url = f"/api/v2/me/lists/{film_list.pk}/items/{item.pk}"
    for position in (0, "2", True, -1):
        assert producer.patch(url, {"position": position}, format="json").status_code == 400
    item.refresh_from_db()
    assert item.position == 1


def test_list_writes_need_the_producer_plan(key_client, alice):
    writer = key_client(plan="writer", user=alice)
    response = writer.post("/api/v2/me/lists", {"name": "Nope"}, format="json")
    assert response.status_code == 403 and response.json()["error"]["code"] == "plan_required"
    assert writer.get("/api/v2/me/lists").status_code == 200


def test_list_reads_have_a_fixed_query_count(producer, alice, films, django_assert_max_num_queries):
    film_list = services.list_create(user=alice, name="L")
    for film in films:
        services.list_add_item(film_list=film_list, film=film)
        services.watchlist_add(user=alice, film=film)
    producer.get("/api/v2/me/lists")  # warm up: the first call of a minute creates rate counters
    # 6 for the key and its rate-limit counters (accounts), then ours.
    # Items: the list with its count, page ids, the count, the items with their films.
    with django_assert_max_num_queries(10):
        assert len(producer.get(f"/api/v2/me/lists/{film_list.pk}/items").json()["data"]) == 4
    # Watchlist: page ids, the count, the entries with their films.
    with django_assert_max_num_queries(9):
        assert len(producer.get("/api/v2/me/watchlist").json()["data"]) == 4
    # Lists: page ids, the count, the lists with their item counts.
    with django_assert_max_num_queries(9):
        assert len(producer.get("/api/v2/me/lists").json()["data"]) == 1
