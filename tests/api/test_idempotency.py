"""`Idempotency-Key` on every API POST: the same key and body within 24 h returns the first
response, without doing the write again (config/api/idempotency.py)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import threading
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection

from accounts.models import IdempotencyKey
from config.api import idempotency
from config.api.errors import ApiError
from reviews import services
from reviews.models import FilmList, Review, WatchlistEntry
from tests.api.helpers import error_code
from tests.api.test_openapi import assert_valid
from tests.factories import make_film

pytestmark = pytest.mark.django_db
REVIEWS = "/api/v2/me/reviews"
LISTS = "/api/v2/me/lists"
NOON = dt.datetime(2026, 11, 22, 12, tzinfo=dt.UTC)
NOIR_BYTES = b'{"name":"Noir"}'  # {"name": "Noir"} as the test client sends it


@pytest.fixture
def godfather():
    return make_film(title="The Godfather", year=1972, imdb_id="tt0068646", tmdb_id=238)


def post(client, url: str, data, key: str | None = "key-1"):
    headers = {} if key is None else {"HTTP_IDEMPOTENCY_KEY": key}
    return client.post(url, data, format="json", **headers)


def review(**fields) -> dict:
    return {"film": "tt0068646", "rating": 9, "review": "An offer", **fields}


# --- replay -------------------------------------------------------------------------------


def test_a_replay_returns_the_first_response_and_creates_one_review(producer, godfather):
    first = post(producer, REVIEWS, review())
    again = post(producer, REVIEWS, review())
    assert first.status_code == again.status_code == 201  # not 200 "deduplicated"
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"] == "application/json"
    assert again["Idempotent-Replayed"] == "true"
    assert not first.has_header("Idempotent-Replayed")
    assert Review.objects.count() == 1


def test_a_replay_does_not_run_the_write_again(producer):
    first = post(producer, LISTS, {"name": "Noir"})
    again = post(producer, LISTS, {"name": "Noir"})
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert FilmList.objects.count() == 1
    record = IdempotencyKey.objects.get()
    assert (record.user, record.method, record.path, record.status_code) == (
        producer.user,
        "POST",
        LISTS,
        201,
    )


def test_without_the_header_every_post_runs(producer):
    post(producer, LISTS, {"name": "Noir"}, key=None)
    second = post(producer, LISTS, {"name": "Noir"}, key=None)
    assert second.status_code == 201 and not second.has_header("Idempotent-Replayed")
    assert FilmList.objects.count() == 2
    assert not IdempotencyKey.objects.exists()


def test_a_new_key_is_a_new_request(producer):
    post(producer, LISTS, {"name": "Noir"}, key="a")
    post(producer, LISTS, {"name": "Noir"}, key="b")
    assert FilmList.objects.count() == 2


def test_a_client_error_is_kept_and_replayed_even_if_the_world_changed(producer):
    first = post(producer, "/api/v2/me/watchlist", {"film": "tt0068646"})
    assert first.status_code == 404 and error_code(first) == "media_not_found"
    make_film(title="The Godfather", year=1972, imdb_id="tt0068646")
    again = post(producer, "/api/v2/me/watchlist", {"film": "tt0068646"})
    assert again.status_code == 404 and again.content == first.content
    assert again["Idempotent-Replayed"] == "true"
    assert not WatchlistEntry.objects.exists()


def test_the_replay_still_passes_authentication(producer):
    post(producer, LISTS, {"name": "Noir"})
    producer.key.revoke()
    response = post(producer, LISTS, {"name": "Noir"})
    assert response.status_code == 401
    assert not response.has_header("Idempotent-Replayed")


def test_a_replay_costs_a_bounded_number_of_queries(producer, django_assert_max_num_queries):
    post(producer, LISTS, {"name": "Noir"})
    # 10: the key lookup; the rate counters (database backend: minute and day windows in a
    # savepoint, 4); the claim's INSERT that hits the constraint in its savepoint (4); the
    # one read of the stored record. No query of the view itself.
    with django_assert_max_num_queries(10) as captured:
        response = post(producer, LISTS, {"name": "Noir"})
    assert response["Idempotent-Replayed"] == "true"
    ours = [q["sql"] for q in captured.captured_queries if "accounts_idempotencykey" in q["sql"]]
    assert len(ours) == 2, ours  # the INSERT that hit the constraint, the SELECT
    assert not any("reviews_" in q["sql"] for q in captured.captured_queries)


# --- misuse -------------------------------------------------------------------------------


def test_the_same_key_with_another_body_is_422_and_changes_nothing(producer):
    first = post(producer, LISTS, {"name": "Noir"})
    response = post(producer, LISTS, {"name": "Westerns"})
    assert response.status_code == 422
    assert error_code(response) == "idempotency_key_reused"
    assert "different request" in response.json()["error"]["message"]
    assert list(FilmList.objects.values_list("name", flat=True)) == ["Noir"]
    assert IdempotencyKey.objects.get().body == first.content  # the first response stays


def test_the_same_key_on_another_path_is_422(producer, godfather):
    post(producer, LISTS, {"name": "Noir"})
    response = post(producer, "/api/v2/me/watchlist", {"name": "Noir"})
    assert response.status_code == 422 and error_code(response) == "idempotency_key_reused"
    assert not WatchlistEntry.objects.exists()


def test_the_body_is_compared_byte_for_byte(producer):
    post(producer, LISTS, {"name": "Noir", "ranked": True})
    reordered = producer.post(
        LISTS,
        json.dumps({"ranked": True, "name": "Noir"}),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="key-1",
    )
    assert reordered.status_code == 422


def test_alice_and_bob_may_use_the_same_key(key_client, alice, bob):
    alice_client = key_client(plan="producer", user=alice)
    bob_client = key_client(plan="producer", user=bob)
    mine = post(alice_client, LISTS, {"name": "Noir"}, key="shared")
    theirs = post(bob_client, LISTS, {"name": "Noir"}, key="shared")
    assert (mine.status_code, theirs.status_code) == (201, 201)
    assert not theirs.has_header("Idempotent-Replayed")
    assert mine.json()["data"]["id"] != theirs.json()["data"]["id"]
    assert FilmList.objects.filter(user=alice).count() == FilmList.objects.filter(user=bob).count()
    assert IdempotencyKey.objects.count() == 2


@pytest.mark.parametrize(
    "key", ["", "x" * 256, "clé", "tab\there", "new\x7fline"], ids=lambda k: repr(k[:10])
)
def test_an_invalid_key_is_400_naming_the_header(producer, key):
    response = post(producer, LISTS, {"name": "Noir"}, key=key)
    assert response.status_code == 400 and error_code(response) == "invalid_request"
    assert "Idempotency-Key" in response.json()["error"]["message"]
    assert not FilmList.objects.exists()


def test_a_key_of_255_printable_characters_is_fine(producer):
    key = ("A-z 0~9!" * 40)[:255]
    assert post(producer, LISTS, {"name": "Noir"}, key=key).status_code == 201
    assert post(producer, LISTS, {"name": "Noir"}, key=key)["Idempotent-Replayed"] == "true"


def test_other_methods_ignore_the_header(producer):
    response = producer.get(LISTS, HTTP_IDEMPOTENCY_KEY="\x01 not even valid")
    assert response.status_code == 200
    assert not IdempotencyKey.objects.exists()


# --- concurrency --------------------------------------------------------------------------


def _running_claim(user, *, body: bytes, created_at=None) -> IdempotencyKey:
    """The row a first request holds while its view runs (no status yet)."""
    return IdempotencyKey.objects.create(
        user=user,
        key="key-1",
        method="POST",
        path=LISTS,
        body_sha256=hashlib.sha256(body).hexdigest(),
        **({"created_at": created_at} if created_at else {}),
    )


def test_a_key_whose_first_request_is_running_is_409_retry_after_1(producer):
    _running_claim(producer.user, body=NOIR_BYTES)
    response = post(producer, LISTS, {"name": "Noir"})
    assert response.status_code == 409
    assert error_code(response) == "idempotency_in_progress"
    assert response["Retry-After"] == "1"
    assert not FilmList.objects.exists()
    assert IdempotencyKey.objects.get().status_code is None  # the first request's claim stays


def test_a_claim_abandoned_by_a_dead_request_is_taken_over(producer):
    with time_machine.travel(NOON, tick=False):
        _running_claim(producer.user, body=NOIR_BYTES)
    with time_machine.travel(NOON + dt.timedelta(minutes=6), tick=False):
        response = post(producer, LISTS, {"name": "Noir"})
    assert response.status_code == 201
    assert IdempotencyKey.objects.get().status_code == 201


def test_the_unique_constraint_lets_one_claim_win():
    # What decides a race between two requests: the second insert fails, whatever the timing.
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(username="u", email="u@example.com")
    fingerprint = idempotency.Fingerprint(key="k", method="POST", path=LISTS, body_sha256="0")
    assert idempotency._claim(user, fingerprint) is not None
    assert idempotency._claim(user, fingerprint) is None
    assert IdempotencyKey.objects.count() == 1


# --- what is not kept ---------------------------------------------------------------------


def test_a_crash_is_not_kept_so_the_key_can_be_retried(producer, monkeypatch):
    real = services.list_create

    def crash_once(**kwargs):
        monkeypatch.setattr(services, "list_create", real)
        raise RuntimeError("database went away")

    monkeypatch.setattr(services, "list_create", crash_once)
    producer.raise_request_exception = False
    crashed = post(producer, LISTS, {"name": "Noir"})
    assert crashed.status_code == 500 and error_code(crashed) == "internal_error"
    assert not IdempotencyKey.objects.exists()
    retried = post(producer, LISTS, {"name": "Noir"})
    assert retried.status_code == 201 and not retried.has_header("Idempotent-Replayed")
    assert FilmList.objects.count() == 1


def test_a_503_is_not_kept(producer, monkeypatch):
    def unavailable(**kwargs):
        raise ApiError("Try later.", code="unavailable", status=503)

    monkeypatch.setattr(services, "list_create", unavailable)
    assert post(producer, LISTS, {"name": "Noir"}).status_code == 503
    assert not IdempotencyKey.objects.exists()


@pytest.mark.parametrize("status", [200, 201, 204, 400, 404, 422])
def test_successes_and_client_errors_are_kept(status):
    assert idempotency.is_kept(status)


@pytest.mark.parametrize("status", [409, 429, 500, 502, 503])
def test_conflicts_throttles_and_server_errors_are_not_kept(status):
    assert not idempotency.is_kept(status)


# --- expiry -------------------------------------------------------------------------------


def test_after_24_hours_the_key_runs_again(producer):
    with time_machine.travel(NOON, tick=False):
        first = post(producer, LISTS, {"name": "Noir"})
    with time_machine.travel(NOON + dt.timedelta(hours=23, minutes=59), tick=False):
        assert post(producer, LISTS, {"name": "Noir"})["Idempotent-Replayed"] == "true"
    with time_machine.travel(NOON + dt.timedelta(hours=24, minutes=1), tick=False):
        later = post(producer, LISTS, {"name": "Noir"})
    assert later.status_code == 201 and not later.has_header("Idempotent-Replayed")
    assert later.json()["data"]["id"] != first.json()["data"]["id"]
    assert FilmList.objects.count() == 2
    assert IdempotencyKey.objects.get().created_at == NOON + dt.timedelta(hours=24, minutes=1)


def test_the_purge_command_deletes_only_expired_records(producer):
    with time_machine.travel(NOON, tick=False):
        post(producer, LISTS, {"name": "Old"}, key="old")
    with time_machine.travel(NOON + dt.timedelta(hours=20), tick=False):
        post(producer, LISTS, {"name": "New"}, key="new")
    with time_machine.travel(NOON + dt.timedelta(hours=25), tick=False):
        out = StringIO()
        call_command("purge_idempotency_keys", stdout=out)
    assert "Deleted 1 expired" in out.getvalue()
    assert list(IdempotencyKey.objects.values_list("key", flat=True)) == ["new"]


def test_the_purge_schedule_needs_a_queue_backend():
    err = StringIO()
    call_command("purge_idempotency_keys", "--schedule", stdout=StringIO(), stderr=err)
    assert "cannot defer" in err.getvalue()  # the immediate backend of the tests


# --- schema -------------------------------------------------------------------------------


@pytest.fixture
def openapi(client) -> dict:
    return json.loads(client.get("/api/v2/openapi.json").content)


def test_every_post_documents_the_header_and_its_errors(openapi):
    posts = [
        (path, operations["post"])
        for path, operations in openapi["paths"].items()
        if path.startswith("/api/") and "post" in operations
    ]
    assert len(posts) >= 5
    for path, operation in posts:
        headers = {p["name"]: p for p in operation["parameters"] if p["in"] == "header"}
        assert headers["Idempotency-Key"]["description"], path
        assert {"409", "422"} <= set(operation["responses"]), path
        codes = json.dumps([operation["responses"][s] for s in ("409", "422")])
        assert "idempotency_in_progress" in codes and "idempotency_key_reused" in codes, path
        assert any(
            "Idempotent-Replayed" in response.get("headers", {})
            for status, response in operation["responses"].items()
            if status.startswith("2")
        ), path


def test_replays_and_idempotency_errors_match_the_schema(producer, godfather, openapi):
    post(producer, REVIEWS, review())
    assert_valid(openapi, "ReviewCreateEnvelope", post(producer, REVIEWS, review()).json())
    assert_valid(openapi, "Error", post(producer, REVIEWS, review(rating=3)).json())


# Not serialized_rollback: its teardown flush skips post_migrate, whose hook re-seeds the
# plans that later transactional tests (the browser journeys) need.
@pytest.mark.django_db(transaction=True)
def test_a_concurrent_request_with_the_same_key_is_409_and_runs_nothing(
    key_client, alice, monkeypatch
):
    """Two real requests on two connections: the second arrives while the first is inside
    its view (held there by an event) and is refused without touching anything."""
    first_client = key_client(plan="producer", user=alice)
    second_client = key_client(plan="producer", user=alice)
    inside, release = threading.Event(), threading.Event()
    real = services.list_create

    def slow_create(**kwargs):
        inside.set()
        assert release.wait(10)
        return real(**kwargs)

    monkeypatch.setattr(services, "list_create", slow_create)
    results = {}

    def first_request():
        try:
            results["first"] = post(first_client, LISTS, {"name": "Noir"})
        finally:
            connection.close()

    thread = threading.Thread(target=first_request)
    thread.start()
    try:
        assert inside.wait(10)
        monkeypatch.setattr(services, "list_create", real)
        second = post(second_client, LISTS, {"name": "Noir"})
    finally:
        release.set()
        thread.join(10)
    assert second.status_code == 409 and second["Retry-After"] == "1"
    assert results["first"].status_code == 201
    assert FilmList.objects.count() == 1
    replay = post(second_client, LISTS, {"name": "Noir"})
    assert replay["Idempotent-Replayed"] == "true" and replay.content == results["first"].content
