"""Generated posters: /posters/<public_id>.svg and the renderer behind it."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from catalog.posters import render_poster_svg
from tests.factories import make_film

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own renderer's output, in a test


def texts(svg: str) -> str:
    return " ".join("".join(node.itertext()) for node in parse(svg).iter(f"{SVG}text"))


def test_a_poster_is_valid_svg_with_title_year_and_genres():
    svg = render_poster_svg(title="The Iron Key", year=1954, genres=["Crime"], key="tt90000001")
    root = parse(svg)
    assert root.tag == f"{SVG}svg" and root.get("viewBox") == "0 0 300 450"
    assert "The Iron Key" in texts(svg) and "1954" in texts(svg) and "CRIME" in texts(svg)
    assert root.find(f"{SVG}title").text == "The Iron Key (1954)"


def test_markup_in_a_title_is_escaped_and_cannot_break_the_document():
    title = 'Tom & Jerry <script>alert("x")</script>'
    svg = render_poster_svg(title=title, year=None, genres=["Comedy & <b>"], key="x")
    assert "<script" not in svg
    root = parse(svg)  # raises if the escaping were wrong
    assert root.find(f"{SVG}title").text == title
    assert "COMEDY & <B>" in texts(svg)


def test_the_same_film_always_gets_the_same_bytes_and_films_differ():
    one = render_poster_svg(title="Harbor", year=1999, genres=["Drama"], key="harbor-1999")
    assert one == render_poster_svg(title="Harbor", year=1999, genres=["Drama"], key="harbor-1999")
    assert one != render_poster_svg(title="Harbor", year=1999, genres=["Drama"], key="other")


def test_a_very_long_title_is_cut_to_a_few_lines():
    svg = render_poster_svg(title="word " * 60, year=2001, genres=[], key="long")
    assert len(parse(svg).findall(f".//{SVG}tspan")) <= 5


@pytest.mark.django_db
def test_the_poster_view_serves_cacheable_svg(client, django_assert_max_num_queries):
    make_film(title="<Cats & Dogs>", year=2001, imdb_id="tt90000042", genres=["Family"])
    # the film by public id, then its genre names
    with django_assert_max_num_queries(2):
        response = client.get("/posters/tt90000042.svg")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert "max-age=86400" in response["Cache-Control"] and "public" in response["Cache-Control"]
    assert "<Cats & Dogs>" in texts(response.content.decode())

    again = client.get("/posters/tt90000042.svg", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304 and again.content == b""


@pytest.mark.django_db
def test_posters_are_found_by_slug_and_unknown_ids_are_404(client):
    film = make_film(title="Return to Odessa", year=2004)
    assert client.get(f"/posters/{film.public_id}.svg").status_code == 200
    assert client.get("/posters/no-such-film-1900.svg").status_code == 404


@pytest.mark.django_db
def test_the_poster_view_only_answers_reads(client):
    film = make_film(title="Harbor", year=1999)
    assert client.post(f"/posters/{film.public_id}.svg").status_code == 405


def test_posters_inlined_side_by_side_do_not_share_element_ids():
    def ids(svg: str) -> set[str]:
        return {node.get("id") for node in parse(svg).iter() if node.get("id")}

    one = render_poster_svg(title="Harbor", year=1999, genres=["Drama"], key="harbor-1999")
    two = render_poster_svg(title="Harbor", year=1999, genres=["Drama"], key="harbor-2000")
    assert ids(one) and not ids(one) & ids(two)
