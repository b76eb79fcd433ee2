import pytest

from reviews import services
from reviews.models import Review
from tests.factories import make_film

pytestmark = pytest.mark.django_db
URL = "/api/v2/me/reviews/batch"


@pytest.fixture
def films():
    return [make_film(title=f"Film {n}", imdb_id=f"tt000000{n}") for n in range(3)]


def item(n: int, **fields):
    return {"film": f"tt000000{n}", "rating": 8, **fields}


def test_items_are_processed_independently_in_input_order(producer, alice, films):
    services.review_create(user=alice, film=films[2], rating=8)  # item 4 duplicates this
    reviews = [
        item(0),
        item(1, rating=11),  # invalid
        item(0),  # duplicate of item 0 within the batch
        {"film": "tt9999999"},  # unknown film
        item(2),  # duplicate of an existing review
        item(1, unknown_field=1),
        "not an object",
    ]
    response = producer.post(URL, {"reviews": reviews}, format="json")
    assert response.status_code == 200
    data = response.json()["data"]
    results = data["results"]
    assert [r["index"] for r in results] == list(range(7))
    assert [r["created"] for r in results] == [True, False, False, False, False, False, False]
    assert [r["deduplicated"] for r in results] == [False, False, True, False, True, False, False]
    codes = [r["error"] and r["error"]["code"] for r in results]
    assert codes == [
        None,
        "invalid_request",
        None,
        "media_not_found",
        None,
        "invalid_request",
        "invalid_request",
    ]
    assert results[2]["data"]["id"] == results[0]["data"]["id"]
    assert (data["created_count"], data["deduplicated_count"], data["error_count"]) == (1, 2, 4)
    assert response.json()["deduplicated_count"] == 2
    assert Review.objects.filter(user=alice).count() == 2


@pytest.mark.parametrize("count", [0, 51])
def test_batches_of_0_or_51_items_are_400_and_write_nothing(producer, films, count):
    response = producer.post(URL, {"reviews": [item(0, watched_date=None)] * count}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_request"
    assert not Review.objects.exists()


def test_a_batch_of_50_is_accepted(producer, films):
    reviews = [item(n % 3, rating=(n % 21) / 2, review=f"r{n}") for n in range(50)]
    response = producer.post(URL, {"reviews": reviews}, format="json")
    assert response.json()["data"]["created_count"] == 50


@pytest.mark.parametrize("payload", [{"reviews": "x"}, {"items": []}, [], {"reviews": [], "x": 1}])
def test_malformed_batch_bodies_are_400(producer, payload):
    assert producer.post(URL, payload, format="json").status_code == 400


def test_a_batch_needs_the_producer_plan(key_client, alice, films):
    response = key_client(plan="writer", user=alice).post(
        URL, {"reviews": [item(0)]}, format="json"
    )
    assert response.status_code == 403 and response.json()["error"]["code"] == "plan_required"
    assert not Review.objects.exists()
