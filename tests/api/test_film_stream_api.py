"""GET /api/v2/films/stream: NDJSON of the catalog, filtered and projected."""

from __future__ import annotations

import pytest

from catalog.api import views
from tests.api.helpers import error_code, make_catalog, make_godfather, ndjson

pytestmark = pytest.mark.django_db


def test_it_streams_one_canonical_film_per_line_in_id_order(client):
    films = make_catalog(7)
    response = client.get("/api/v2/films/stream")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-ndjson"
    lines = ndjson(response)
    assert [line["id"] for line in lines] == [f.public_id for f in films]
    assert set(lines[0]) >= {"id", "title", "ratings", "genres", "cast", "links"}


def test_it_filters_and_projects(client):
    make_godfather()
    make_catalog(4)
    lines = ndjson(client.get("/api/v2/films/stream?has_poster=true&fields=id,director"))
    assert lines == [{"id": "tt0068646", "director": "Francis Ford Coppola"}]


def test_batches_keep_every_row_and_the_query_count_per_batch(
    client, monkeypatch, assert_catalog_queries
):
    monkeypatch.setattr(views, "STREAM_FIRST_BATCH", 2)
    make_catalog(11)
    response = client.get("/api/v2/films/stream")
    # 1 row query (a server-side cursor on PostgreSQL), then genres + credits for each
    # of the 2 batches (2 rows, then the other 9)
    with assert_catalog_queries(1 + 2 * 2):
        lines = ndjson(response)
    assert len(lines) == 11


def test_a_bad_filter_is_a_400_before_streaming(client):
    response = client.get("/api/v2/films/stream?has_poster=maybe")
    assert response.status_code == 400 and error_code(response) == "invalid_request"
    response = client.get("/api/v2/films/stream?sort=year:asc")
    assert response.status_code == 400
