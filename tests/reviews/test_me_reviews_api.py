import pytest

from reviews import services
from reviews.models import Review
from tests.factories import make_film

pytestmark = pytest.mark.django_db
URL = "/api/v2/me/reviews"


@pytest.fixture
def godfather():
    return make_film(title="The Godfather", year=1972, imdb_id="tt0068646", tmdb_id=238)


def body(**fields):
    return {
        "film": "tt0068646",
        "rating": 9.5,
        "review": "Great",
        "watched_date": "2024-02-03",
        **fields,
    }


def test_it_creates_a_review_from_the_api_with_source_api(producer, godfather):
    response = producer.post(URL, body(rewatch=True, tags=["crime"]), format="json")
    assert response.status_code == 201
    data = response.json()["data"]
    assert data["film"]["id"] == "tt0068646" and data["film"]["media_type"] == "movie"
    assert (data["rating"], data["review"], data["watched_date"]) == (9.5, "Great", "2024-02-03")
    assert (data["rewatch"], data["tags"], data["source"]) == (True, ["crime"], "api")
    assert data["deduplicated"] is False


def test_an_identical_post_is_200_with_deduplicated_true(producer, godfather):
    first = producer.post(URL, body(), format="json").json()["data"]
    response = producer.post(URL, body(), format="json")
    assert response.status_code == 200
    assert response.json()["deduplicated"] is True
    assert response.json()["data"]["id"] == first["id"]
    assert Review.objects.count() == 1


@pytest.mark.parametrize(
    "naming",
    [
        {"film": "tmdb:238"},
        {"film": "the-godfather-1972"},
        {"tmdb_id": "238", "media_type": "movie"},
        {"tmdb_id": 238},
    ],
)
def test_a_film_is_named_every_documented_way(producer, godfather, naming):
    godfather.slug = "the-godfather-1972"
    godfather.save()
    payload = {k: v for k, v in body().items() if k != "film"} | naming
    assert producer.post(URL, payload, format="json").status_code == 201


@pytest.mark.parametrize(
    "naming",
    [
        {"film": "tt9999999"},
        {"tmdb_id": 999999999, "media_type": "movie"},
        {"tmdb_id": 238, "media_type": "tv"},
    ],
)
def test_an_unknown_film_is_404_media_not_found(producer, godfather, naming):
    payload = {k: v for k, v in body().items() if k != "film"} | naming
    response = producer.post(URL, payload, format="json")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "media_not_found"
    assert not Review.objects.exists()


@pytest.mark.parametrize(
    "payload",
    [
        body(stars=5),
        body(rating=11),
        body(rating=7.3),
        body(rating="9"),
        body(review="x" * 10_001),
        body(watched_date="2999-01-01"),
        body(watched_date="03/02/2024"),
        body(tags=[f"t{i}" for i in range(21)]),
        body(tags=["x" * 65]),
        body(rewatch="yes"),
        {"rating": 5},
        body(media_type="book", tmdb_id=1, film=None),
    ],
)
def test_bad_bodies_are_400_and_write_nothing(producer, godfather, payload):
    response = producer.post(URL, payload, format="json")
    assert response.status_code == 400, response.json()
    assert response.json()["error"]["code"] == "invalid_request"
    assert not Review.objects.exists()


def test_it_lists_newest_first_with_filters(producer, alice, godfather):
    alien = make_film(title="Alien", year=1979, imdb_id="tt0078748")
    services.review_create(
        user=alice, film=godfather, rating=4, watched_on="2020-01-01", tags=["old"]
    )
    services.review_create(
        user=alice, film=alien, rating=8, watched_on="2024-01-01", source="import"
    )
    services.review_create(user=alice, film=godfather, rating=10, watched_on="2024-06-01")
    ids = lambda **q: [r["rating"] for r in producer.get(URL, q).json()["data"]]  # noqa: E731
    assert ids() == [10.0, 8.0, 4.0]
    assert ids(film="tt0068646") == [10.0, 4.0]
    assert ids(min_rating=5, max_rating=9) == [8.0]
    assert ids(watched_from="2023-01-01", watched_to="2024-03-01") == [8.0]
    assert ids(tag="OLD") == [4.0]
    assert ids(source="import") == [8.0]
    assert producer.get(URL, {"colour": "red"}).status_code == 400
    assert producer.get(URL, {"min_rating": "11"}).status_code == 400


def test_it_pages_with_cursors(producer, alice):
    for n in range(5):
        services.review_create(user=alice, film=make_film(), rating=n)
    first = producer.get(URL, {"limit": 2}).json()
    assert first["meta"]["total"] == 5 and first["meta"]["has_more"] is True
    second = producer.get(URL, {"limit": 2, "cursor": first["meta"]["next_cursor"]}).json()
    assert [r["rating"] for r in first["data"] + second["data"]] == [4.0, 3.0, 2.0, 1.0]
    assert producer.get(URL, {"limit": 101}).status_code == 400
    assert producer.get(URL, {"cursor": "forged"}).json()["error"]["code"] == "invalid_cursor"


def test_the_list_query_count_does_not_grow(producer, alice, django_assert_max_num_queries):
    for n in range(6):
        services.review_create(user=alice, film=make_film(), rating=n, tags=["a", "b"])
    producer.get(URL)  # warm up: the first call of a minute also creates rate counters
    # 6 for the key and its rate-limit counters (accounts), then ours: page ids, the count,
    # the reviews with their films, their tags.
    with django_assert_max_num_queries(10):
        assert len(producer.get(URL).json()["data"]) == 6


def test_a_review_is_read_edited_and_deleted(producer, alice, godfather):
    review = services.review_create(user=alice, film=godfather, rating=6).review
    url = f"{URL}/{review.pk}"
    assert producer.get(url).json()["data"]["rating"] == 6.0
    response = producer.patch(url, {"rating": 7, "tags": ["x"], "review": "Better"}, format="json")
    assert response.status_code == 200
    assert (response.json()["data"]["rating"], response.json()["data"]["tags"]) == (7.0, ["x"])
    godfather.refresh_from_db()
    assert godfather.community_rating == 7.0
    assert producer.patch(url, {"source": "app"}, format="json").status_code == 400
    assert producer.delete(url).status_code == 204
    assert not Review.objects.exists()


def test_an_edit_into_a_duplicate_is_409(producer, alice, godfather):
    services.review_create(user=alice, film=godfather, rating=6)
    other = services.review_create(user=alice, film=godfather, rating=7).review
    response = producer.patch(f"{URL}/{other.pk}", {"rating": 6}, format="json")
    assert response.status_code == 409 and response.json()["error"]["code"] == "conflict"


def test_writes_need_the_producer_plan_and_reads_any_api_plan(key_client, alice, godfather):
    writer = key_client(plan="writer", user=alice)
    response = writer.post(URL, body(), format="json")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "plan_required"
    assert not Review.objects.exists()
    assert writer.get(URL).status_code == 200


def test_an_anonymous_call_is_401(client, godfather):
    assert client.get(URL).status_code == 401
