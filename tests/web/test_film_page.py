import pytest

from reviews.models import Review
from tests.factories import make_film

pytestmark = pytest.mark.django_db


def test_it_shows_cast_crew_ratings_and_where_to_watch(client, showcase):
    body = client.get("/films/tt0068646/").content.decode()
    assert "Marlon Brando" in body and "Vito Corleone" in body
    assert "Directing" in body and "Francis Ford Coppola" in body
    assert "Master score" in body and "2,000,000 votes" in body and "97%" in body
    assert "Reelstream" in body and "Corner Video" in body
    assert "Academy Awards, Best Picture (1973)" in body


def test_it_explains_the_master_score_source_by_source(client, showcase):
    breakdown = client.get("/films/tt0068646/").context["breakdown"]
    labels = [line.label for line in breakdown]
    assert labels == ["IMDb", "Rotten Tomatoes critics", "Catalog average"]
    assert sum(line.share for line in breakdown) == pytest.approx(1.0)
    # Two million votes give IMDb its full weight; the catalog average keeps a small part.
    imdb, rt, prior = (line.share for line in breakdown)
    assert imdb == pytest.approx(0.35 / 0.57, abs=0.01) and prior < 0.04


def test_it_credits_wikipedia_where_the_overview_comes_from_it(client, showcase):
    body = client.get("/films/tt0068646/").content.decode()
    assert "https://en.wikipedia.org/wiki/The_Godfather" in body and "CC BY-SA 4.0" in body
    other = client.get(showcase["The Godfather Part II"].get_absolute_url()).content.decode()
    assert "Text from the Wikipedia article" not in other


def test_it_lists_similar_films_from_a_shared_genre_and_nearby_years(client, showcase):
    similar = client.get("/films/tt0068646/").context["similar"]
    assert showcase["The Godfather Part II"] in similar
    assert showcase["Metropolis"] not in similar  # Drama, but 45 years earlier
    assert showcase["The Godfather"] not in similar


def test_it_shows_members_reviews(client, showcase, alice):
    Review.objects.create(user=alice, film=showcase["The Godfather"], rating=9, text="Operatic.")
    assert "Operatic." in client.get("/films/tt0068646/").content.decode()


def test_a_film_without_poster_gets_generated_art(client, db):
    film = make_film(title="Nameless", year=1999)
    body = client.get(film.get_absolute_url()).content.decode()
    assert f'src="/posters/{film.public_id}.svg"' in body and "poster-art" in body


def test_a_remote_poster_keeps_the_generated_poster_as_its_fallback(client, db):
    film = make_film(title="Far Away", poster_url="https://images.example.org/far.jpg")
    body = client.get(film.get_absolute_url()).content.decode()
    assert 'src="https://images.example.org/far.jpg"' in body
    assert f'data-fallback="/posters/{film.public_id}.svg"' in body


def test_an_unknown_film_is_a_404_in_the_site_design(client, db):
    response = client.get("/films/tt0000000/")
    assert response.status_code == 404
    assert "This reel is missing." in response.content.decode()


def test_it_escapes_titles(client, db):
    make_film(title="<script>alert(1)</script>", year=2001, imdb_id="tt0000001")
    body = client.get("/films/tt0000001/").content.decode()
    assert "<script>alert(1)</script>" not in body


def test_the_film_page_has_a_fixed_number_of_queries(
    client, showcase, alice, bob, django_assert_max_num_queries
):
    for user in (alice, bob):
        Review.objects.create(user=user, film=showcase["The Godfather"], rating=9, text="Yes.")
    client.get("/films/tt0068646/")  # warms the cached score means
    # film (1), genres, countries, credits+people, providers+provider (4), similar (1),
    # reviews with users (1)
    with django_assert_max_num_queries(7):
        response = client.get("/films/tt0068646/")
    assert response.status_code == 200
