"""Public catalog GETs: ETag + Cache-Control with 304s, and CORS for any origin."""

from __future__ import annotations

import pytest

from tests.api.helpers import make_godfather

pytestmark = pytest.mark.django_db
PUBLIC_URLS = [
    "/api/v2/films",
    "/api/v2/films/tt0068646",
    "/api/v2/people",
    "/api/v2/genres",
    "/api/v2/configuration",
]


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_public_gets_send_an_etag_and_answer_if_none_match_with_304(client, url):
    make_godfather()
    first = client.get(url)
    assert first.status_code == 200
    assert first["Cache-Control"].startswith("public, max-age=")
    etag = first["ETag"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag and again["X-Request-Id"]
    assert client.get(url, HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_the_etag_changes_when_the_data_does(client):
    film = make_godfather()
    etag = client.get("/api/v2/films/tt0068646")["ETag"]
    film.title = "The Godfather (restored)"
    film.save()
    assert client.get("/api/v2/films/tt0068646", HTTP_IF_NONE_MATCH=etag).status_code == 200


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_public_routes_allow_any_origin_without_credentials(client, url):
    make_godfather()
    response = client.get(url, HTTP_ORIGIN="https://example.com")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert "ETag" in response["Access-Control-Expose-Headers"]


def test_a_preflight_is_answered_for_public_routes(client):
    response = client.options(
        "/api/v2/films",
        HTTP_ORIGIN="https://example.com",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="X-API-Key",
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "X-API-Key" in response["Access-Control-Allow-Headers"]
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"


def test_errors_are_not_cached(client):
    response = client.get("/api/v2/films?limit=0")
    assert response.status_code == 400 and "ETag" not in response
    assert "public" not in response.get("Cache-Control", "")


def test_head_answers_like_get_without_a_body(client):
    make_godfather()
    get = client.get("/api/v2/films/tt0068646")
    head = client.head("/api/v2/films/tt0068646")
    assert head.status_code == 200 and head.content == b""
    assert head["ETag"] == get["ETag"]
