"""GET /api/v2/films: filters, sorting, projection, keyset pagination, strict parameters."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.db import connection

from tests.api.helpers import body, error_code, make_catalog, make_godfather, ndjson
from tests.factories import make_film

pytestmark = pytest.mark.django_db
URL = "/api/v2/films"


def all_pages(client, params: dict) -> list[dict]:
    films, cursor = [], None
    for _ in range(100):
        response = client.get(URL, {**params, **({"cursor": cursor} if cursor else {})})
        assert response.status_code == 200, body(response)
        page = body(response)
        films += page["data"]
        cursor = page["meta"]["next_cursor"]
        assert page["meta"]["has_more"] == (cursor is not None)
        if not cursor:
            return films
    raise AssertionError("pagination did not end")


def test_it_returns_the_seed_example_query(client):
    make_godfather()
    alien = make_film(title="Aliens", year=1986, imdb_rating=8.4, genres=["Science Fiction"])
    make_film(title="Dune", year=1984, imdb_rating=6.3, genres=["Science Fiction"])
    make_film(title="Solaris", year=1972, imdb_rating=8.1, genres=["Science Fiction"])
    response = client.get(
        URL, {"genre": "Sci-Fi", "decade": "1980s", "min_rating": "8.0", "limit": 10}
    )
    page = body(response)
    assert [f["id"] for f in page["data"]] == [alien.public_id]
    assert page["meta"] == {
        "total": 1,
        "total_is_estimate": False,
        "limit": 10,
        "offset": 0,
        "next_cursor": None,
        "has_more": False,
    }
    assert response["Total"] == "1"


def test_a_film_carries_ratings_top_cast_key_crew_poster_awards_and_links(client):
    make_godfather()
    film = body(client.get(URL))["data"][0]
    assert film["ratings"]["imdb"] == 9.2 and film["ratings"]["master_score"] == 95.4
    assert film["director"] == "Francis Ford Coppola"
    assert [c["name"] for c in film["cast"]] == ["Marlon Brando", "Al Pacino"]
    assert film["crew_summary"]["writing"] == ["Mario Puzo"]
    assert film["genres"] == ["Crime", "Drama"]
    assert film["poster"] == {"url": "https://example.org/godfather.jpg", "source": "remote"}
    assert film["awards"][0]["category"] == "Best Picture"
    assert film["links"]["imdb"] == "https://www.imdb.com/title/tt0068646/"
    assert film["links"]["self"] == "/api/v2/films/tt0068646"


def test_cursor_pages_visit_every_film_once_in_order_despite_ties_and_nulls(client):
    make_catalog(30)
    films = all_pages(client, {"limit": 4})
    assert len(films) == len({f["id"] for f in films}) == 30
    scores = [f["ratings"]["master_score"] for f in films]
    non_null = [s for s in scores if s is not None]
    assert non_null == sorted(non_null, reverse=True)
    assert scores[len(non_null) :] == [None] * (30 - len(non_null))  # films without a score last


@pytest.mark.parametrize(
    "sort", ["year:asc", "year:desc", "title:asc", "rating:desc", "release_date:asc"]
)
def test_every_sort_pages_through_all_rows(client, sort):
    make_catalog(17)
    films = all_pages(client, {"limit": 5, "sort": sort})
    assert len({f["id"] for f in films}) == 17


def test_sort_year_ascending_breaks_ties_by_id(client):
    make_catalog(10)
    films = all_pages(client, {"limit": 3, "sort": "year:asc"})
    years = [f["year"] for f in films]
    assert years == sorted(years)


def test_meta_offset_advances_and_link_header_points_to_the_next_page(client):
    make_catalog(5)
    response = client.get(URL, {"limit": 2})
    meta = body(response)["meta"]
    assert 'rel="next"' in response["Link"] and quote(meta["next_cursor"]) in response["Link"]
    assert 'rel="first"' in response["Link"]
    second = body(client.get(URL, {"limit": 2, "cursor": meta["next_cursor"]}))
    assert second["meta"]["offset"] == 2 and second["meta"]["total"] == 5


def test_page_is_an_alternative_to_cursor(client):
    make_catalog(9)
    by_cursor = all_pages(client, {"limit": 4})
    by_page = []
    for page in (1, 2, 3):
        by_page += body(client.get(URL, {"limit": 4, "page": page}))["data"]
    assert [f["id"] for f in by_page] == [f["id"] for f in by_cursor]


def test_a_tampered_cursor_is_invalid_cursor(client):
    make_catalog(5)
    cursor = body(client.get(URL, {"limit": 2}))["meta"]["next_cursor"]
    tampered = cursor[:-3] + ("AAA" if not cursor.endswith("AAA") else "BBB")
    for bad in (tampered, "garbage", cursor + "x"):
        response = client.get(URL, {"limit": 2, "cursor": bad})
        assert response.status_code == 400 and error_code(response) == "invalid_cursor"


def test_a_cursor_is_bound_to_its_query_and_sort(client):
    make_catalog(8)
    cursor = body(client.get(URL, {"limit": 2, "genre": "drama"}))["meta"]["next_cursor"]
    for params in ({"genre": "sci-fi"}, {"genre": "drama", "sort": "year:asc"}, {}):
        response = client.get(URL, {"limit": 2, "cursor": cursor, **params})
        assert response.status_code == 400 and error_code(response) == "invalid_cursor"


def test_a_people_cursor_is_foreign_here(client):
    from tests.factories import make_person

    for i in range(3):
        make_person(name=f"Person {i}")
    cursor = body(client.get("/api/v2/people", {"limit": 1}))["meta"]["next_cursor"]
    response = client.get(URL, {"cursor": cursor})
    assert response.status_code == 400 and error_code(response) == "invalid_cursor"


@pytest.mark.parametrize(
    ("params", "parameter", "allowed"),
    [
        ({"limit": "0"}, "limit", "from 1 to 500"),
        ({"limit": "501"}, "limit", "from 1 to 500"),
        ({"limit": "ten"}, "limit", "from 1 to 500"),
        ({"min_rating": "abc"}, "min_rating", "between 0 and 10"),
        ({"sort": "bogus:desc"}, "sort", "master_score, year"),
        ({"sort": "relevance"}, "sort", "relevance needs q"),
        ({"fields": "__class__"}, "fields", "valid:"),
        ({"fields": "ratings.bogus"}, "fields", "ratings.imdb"),
        ({"genre": "Nonexistent"}, "genre", "comma-separated genres"),
        ({"has_poster": "perhaps"}, "has_poster", "true or false"),
        ({"decade": "80s"}, "decade", "1990s"),
        ({"page": "0"}, "page", "from 1"),
        ({"page": "999", "limit": "500"}, "page", "use cursor"),
        ({"colour": "red"}, "colour", "allowed: actor"),
    ],
)
def test_bad_parameters_are_400s_naming_the_parameter_and_what_is_allowed(
    client, params, parameter, allowed
):
    response = client.get(URL, params)
    assert response.status_code == 400
    error = body(response)["error"]
    assert error["code"] == "invalid_request"
    assert error["message"].startswith(parameter) and allowed in error["message"]
    assert parameter in error["details"]


def test_a_repeated_parameter_is_refused(client):
    response = client.get(f"{URL}?limit=2&limit=3")
    assert response.status_code == 400 and "at most once" in body(response)["error"]["message"]


def test_fields_projects_top_level_and_dotted_names(client):
    make_godfather()
    film = body(client.get(URL, {"fields": "id,title,ratings.imdb,cast.name"}))["data"][0]
    assert film == {
        "id": "tt0068646",
        "title": "The Godfather",
        "ratings": {"imdb": 9.2},
        "cast": [{"name": "Marlon Brando"}, {"name": "Al Pacino"}],
    }


def test_q_ranks_matches_and_tolerates_a_typo(client):
    make_godfather()
    make_film(title="Godfather Parody", overview="jokes", master_score=10)
    make_film(title="Heat", overview="a heist")
    titles = [f["title"] for f in body(client.get(URL, {"q": "godfather"}))["data"]]
    assert set(titles) == {"The Godfather", "Godfather Parody"}
    # pg_trgm on PostgreSQL; the site search's look-alike matcher on SQLite.
    typo = [f["title"] for f in body(client.get(URL, {"q": "godfater"}))["data"]]
    assert "The Godfather" in typo and "Heat" not in typo
    for nothing in ("zzqxv", "zq"):
        response = client.get(URL, {"q": nothing})
        assert response.status_code == 200 and body(response)["data"] == []
        assert ndjson(client.get(URL + "/stream", {"q": nothing})) == []


def test_q_results_page_by_relevance(client):
    for i in range(7):
        make_film(title=f"Space story {i}", overview="space " * (i + 1))
    films = all_pages(client, {"q": "space", "limit": 3})
    assert len({f["id"] for f in films}) == 7


@pytest.mark.parametrize("limit", [1, 20])
def test_query_count_is_constant_in_page_size(client, limit, assert_catalog_queries):
    make_catalog(25)
    # meta.total: the planner's estimate (EXPLAIN, PostgreSQL only) + a count capped at
    # 1,001 rows (a plan this small runs without the time budget's round trips); the films
    # page; the films without a score (only when the page runs past the last scored film);
    # genres and key credits (on PostgreSQL instead: one query that renders the page as
    # JSON); the genre lookup (cached after).
    with assert_catalog_queries(7):
        response = client.get(URL, {"limit": limit, "genre": "drama"})
    assert response.status_code == 200


def test_next_pages_skip_the_count(client, assert_catalog_queries):
    make_catalog(12)
    cursor = body(client.get(URL, {"limit": 3}))["meta"]["next_cursor"]
    # films page, genres, key credits: meta.total travels in the cursor.
    with assert_catalog_queries(3):
        response = client.get(URL, {"limit": 3, "cursor": cursor})
    assert body(response)["meta"]["total"] == 12


def test_total_is_an_estimate_past_the_cap(client, monkeypatch):
    from catalog.api import pagination

    monkeypatch.setattr(pagination, "EXACT_TOTAL_CAP", 3)
    make_catalog(6)
    meta = body(client.get(URL, {"limit": 2}))["meta"]
    if connection.vendor == "postgresql":
        assert meta["total_is_estimate"] is True and meta["total"] >= 4
    else:
        assert meta == {**meta, "total": 6, "total_is_estimate": False}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the count budget is PostgreSQL's")
def test_a_count_over_its_price_or_time_budget_answers_with_the_estimate(client, monkeypatch):
    from django.db.models import BooleanField
    from django.db.models.expressions import RawSQL

    from catalog.api import pagination
    from catalog.models import Film

    make_catalog(6)
    monkeypatch.setattr(pagination, "EXACT_TOTAL_BUDGET_MS", 5)
    monkeypatch.setattr(pagination, "EXACT_TOTAL_FREE_COST", -1)  # budget even tiny plans
    slow = Film.objects.filter(
        RawSQL("pg_sleep(0.05)::text = ''", [], output_field=BooleanField())
    ).values("id")
    total, is_estimate = pagination._count(slow)
    assert is_estimate is True and total >= 0
    fast_total = pagination._count(Film.objects.values("id"))
    assert fast_total == (6, False)
    # A count the planner prices above the limit is not attempted at all.
    monkeypatch.setattr(pagination, "EXACT_TOTAL_MAX_COST", 0)
    assert pagination._count(Film.objects.values("id"))[1] is True
    # The budget applied to those counts only: the transaction's own timeout is back.
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('statement_timeout'), pg_sleep(0.02)::text")
        assert cursor.fetchone()[0] == "0"


def test_an_estimate_never_claims_fewer_films_than_the_pages_seen(client, monkeypatch):
    from catalog.api import pagination

    make_catalog(6)
    monkeypatch.setattr(pagination, "_count", lambda queryset: (1, True))
    meta = body(client.get(URL, {"limit": 4}))["meta"]
    assert meta["has_more"] is True
    assert meta["total"] == 5 and meta["total_is_estimate"] is True


def test_page_and_cursor_together_are_refused(client):
    make_catalog(3)
    cursor = body(client.get(URL, {"limit": 1}))["meta"]["next_cursor"]
    response = client.get(URL, {"limit": 1, "cursor": cursor, "page": 2})
    assert (
        response.status_code == 400 and "cannot be combined" in body(response)["error"]["message"]
    )


def test_limit_may_change_between_pages_of_one_cursor(client):
    make_catalog(6)
    cursor = body(client.get(URL, {"limit": 2}))["meta"]["next_cursor"]
    page = body(client.get(URL, {"limit": 4, "cursor": cursor}))
    assert len(page["data"]) == 4 and page["meta"]["has_more"] is False


def test_format_is_an_unknown_parameter_not_a_renderer_switch(client):
    response = client.get(URL, {"format": "xml"})
    assert response.status_code == 400 and error_code(response) == "invalid_request"
    assert body(response)["error"]["message"].startswith("format is not a parameter here")
