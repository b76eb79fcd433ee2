import pytest

from tests.factories import make_credit, make_film, make_person

pytestmark = pytest.mark.django_db


def test_the_home_page_shows_counts_and_top_films(client, django_assert_max_num_queries):
    make_film(title="The Godfather", year=1972, master_score=95.0)
    # counts (2), trending (3), top rated, recent reviews, popular lists (pinned in tests/web)
    with django_assert_max_num_queries(8):
        response = client.get("/")
    assert response.status_code == 200
    assert "The Godfather" in response.content.decode()


def test_the_film_page_shows_cast_and_crew_by_department(client, django_assert_max_num_queries):
    film = make_film(
        title="The Godfather",
        year=1972,
        imdb_id="tt0068646",
        imdb_rating=9.2,
        imdb_votes=2_000_000,
        genres=["Crime", "Drama"],
    )
    make_credit(film, make_person(name="Marlon Brando"), character="Vito Corleone")
    make_credit(film, make_person(name="Francis Ford Coppola"), kind="crew")
    # film, genres, countries, credits with people, providers, score means, similar, reviews
    with django_assert_max_num_queries(8):
        response = client.get("/films/tt0068646/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Vito Corleone" in body and "Directing" in body and "Crime" in body


def test_an_unknown_film_is_a_404(client):
    assert client.get("/films/tt0000000/").status_code == 404


def test_film_page_escapes_user_visible_text(client):
    make_film(title="<script>alert(1)</script>", year=2001, imdb_id="tt0000001")
    body = client.get("/films/tt0000001/").content.decode()
    assert "<script>alert(1)</script>" not in body
