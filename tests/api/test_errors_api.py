"""One error envelope for every failure under /api/, from every layer; X-Request-Id always."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.api.helpers import body

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.api.error_urls")]
ECHO = "/api/v2/test/echo"


def post_raw(client, data: bytes, content_type: str = "application/json"):
    return client.generic("POST", ECHO, data, content_type=content_type)


def assert_envelope(response, status: int, code: str) -> dict:
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    error = body(response)["error"]
    assert error["code"] == code and error["status"] == status and error["message"]
    assert response["X-Request-Id"]
    return error


def test_valid_json_is_echoed(client):
    response = post_raw(client, b'{"a": [1, {"b": 2}]}')
    assert body(response) == {"data": {"a": [1, {"b": 2}]}}


def test_an_unknown_api_route_is_a_404_envelope(client):
    assert_envelope(client.get("/api/v2/no/such/route"), 404, "not_found")


def test_a_wrong_method_is_a_405_envelope_with_allow(client):
    response = client.get(ECHO)
    assert_envelope(response, 405, "method_not_allowed")
    assert "POST" in response["Allow"]


def test_a_nested_bracket_bomb_is_a_400(client):
    error = assert_envelope(
        post_raw(client, b"[" * 100_000 + b"]" * 100_000), 400, "invalid_request"
    )
    assert "nested deeper" in error["message"]


def test_invalid_utf8_is_a_400(client):
    error = assert_envelope(post_raw(client, b'{"a": "\xff\xfe"}'), 400, "invalid_request")
    assert "UTF-8" in error["message"]


def test_duplicate_keys_are_a_400_naming_the_key(client):
    error = assert_envelope(post_raw(client, b'{"a": 1, "a": 2}'), 400, "invalid_request")
    assert "'a'" in error["message"]


def test_malformed_json_and_nan_are_400s(client):
    assert_envelope(post_raw(client, b'{"a": '), 400, "invalid_request")
    assert_envelope(post_raw(client, b'{"a": NaN}'), 400, "invalid_request")


def test_a_body_over_the_limit_is_a_413(client, settings):
    settings.API_MAX_BODY_BYTES = 1000
    error = assert_envelope(
        post_raw(client, b'{"a": "' + b"x" * 2000 + b'"}'), 413, "payload_too_large"
    )
    assert error["details"] == {"limit_bytes": 1000}


def test_a_wrong_content_type_is_a_415(client):
    assert_envelope(post_raw(client, b"a=1", "text/plain"), 415, "unsupported_media_type")


def test_a_crash_is_a_500_with_the_request_id_and_no_trace(caplog):
    client = Client(raise_request_exception=False)
    response = client.get("/api/v2/test/crash", HTTP_X_REQUEST_ID="req-abcdef123")
    error = assert_envelope(response, 500, "internal_error")
    assert error["details"] == {"request_id": "req-abcdef123"}
    assert (
        "secret" not in response.content.decode() and "Traceback" not in response.content.decode()
    )
    assert "req-abcdef123" in caplog.text  # the operator finds it in the logs


def test_every_response_has_a_request_id_and_a_bad_incoming_one_is_replaced(client):
    assert len(client.get("/api/v2/genres")["X-Request-Id"]) == 32
    assert client.get("/", HTTP_X_REQUEST_ID="x" * 200)["X-Request-Id"] != "x" * 200
    assert (
        client.get("/api/v2/genres", HTTP_X_REQUEST_ID="abc-12345678")["X-Request-Id"]
        == "abc-12345678"
    )


def test_html_pages_keep_their_own_errors(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert not response["Content-Type"].startswith("application/json")
