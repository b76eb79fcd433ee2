import pytest
from django.utils import timezone

from reviews.models import FilmList, ListItem, Review

pytestmark = pytest.mark.django_db


def test_it_shows_counts_trending_and_top_rated(client, showcase):
    body = client.get("/").content.decode()
    assert "16" in body and "films" in body
    assert "Trending this week" in body and "Top rated" in body
    # The best-scored film heads the top-rated list.
    assert body.index("The Godfather") < body.index("Seven Samurai")


def test_it_shows_recent_reviews_and_popular_lists(client, showcase, alice):
    godfather = showcase["The Godfather"]
    Review.objects.create(user=alice, film=godfather, rating=10, text="An offer you can't refuse.")
    films_list = FilmList.objects.create(user=alice, name="Seventies crime", ranked=True)
    ListItem.objects.create(film_list=films_list, film=godfather, position=1)
    body = client.get("/").content.decode()
    assert "An offer you can&#x27;t refuse." in body
    assert "Seventies crime" in body and "1 film" in body


def test_a_private_list_never_shows_on_the_home_page(client, showcase, alice):
    private = FilmList.objects.create(user=alice, name="Guilty pleasures", visibility="private")
    ListItem.objects.create(film_list=private, film=showcase["Alien"], position=1)
    assert "Guilty pleasures" not in client.get("/").content.decode()


def test_trending_puts_this_weeks_most_reviewed_film_first(client, showcase, alice, bob):
    metropolis = showcase["Metropolis"]
    for user in (alice, bob):
        Review.objects.create(user=user, film=metropolis, rating=8, watched_on=timezone.localdate())
    response = client.get("/")
    assert response.context["trending"][0] == metropolis


def test_the_home_page_has_a_fixed_number_of_queries(
    client, showcase, alice, django_assert_max_num_queries
):
    films_list = FilmList.objects.create(user=alice, name="Mine")
    for position, film in enumerate(list(showcase.values())[:6], start=1):
        ListItem.objects.create(film_list=films_list, film=film, position=position)
        Review.objects.create(user=alice, film=film, rating=7, text="Good.")
    # counts (2), trending: review counts + popularity top-up + cards (3), top rated (1),
    # recent reviews with film and user (1), popular lists (1) + their first items (1)
    with django_assert_max_num_queries(9):
        response = client.get("/")
    assert response.status_code == 200
