"""GET /api/v2/films/stream: NDJSON of the catalog, filtered and projected."""

from __future__ import annotations

import pytest
from django.db import connection

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
    # PostgreSQL: one COPY of finished lines (raw psycopg, so not in Django's query log),
    # no query per batch. Elsewhere: 1 row query, then genres + credits for each of the 2
    # batches (2 rows, then the other 9).
    with assert_catalog_queries(0 if connection.vendor == "postgresql" else 1 + 2 * 2):
        lines = ndjson(response)
    assert len(lines) == 11


def test_a_bad_filter_is_a_400_before_streaming(client):
    response = client.get("/api/v2/films/stream?has_poster=maybe")
    assert response.status_code == 400 and error_code(response) == "invalid_request"
    response = client.get("/api/v2/films/stream?sort=year:asc")
    assert response.status_code == 400


@pytest.mark.parametrize(
    "fields",
    [None, "id,ratings.imdb,cast.name,poster.url,crew_summary.writing,links.imdb,genres,awards"],
)
def test_stream_lines_equal_the_list_rendering(client, fields):
    """On PostgreSQL the database renders stream lines; they must be the list's Films."""
    from catalog.api.films import FILM_COLUMNS, LIST_FIELDS, list_films
    from catalog.api.params import parse_fields
    from catalog.models import Film

    make_godfather()
    make_catalog(5)
    query = {"fields": fields} if fields else {}
    projection = parse_fields(query, LIST_FIELDS)
    rows = list(Film.objects.order_by("id").values(*FILM_COLUMNS))
    expected = list_films(rows, projection)
    for film in expected:
        if "updated_at" in film:  # compare instants: orjson drops a zero fraction
            film["updated_at"] = film["updated_at"].isoformat().replace("+00:00", "Z")
    lines = ndjson(client.get("/api/v2/films/stream", query))
    for line in lines:
        if "updated_at" in line:
            line["updated_at"] = line["updated_at"].replace(".000000Z", "Z")
    assert lines == expected
