import pytest

from catalog.browse import MAX_PAGE, PER_PAGE, SORT_LABELS
from catalog.filters import SORT_COLUMNS
from tests.factories import make_film

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [film.title for film in response.context["page"].films]


def test_it_filters_by_genre_and_decade_like_the_api(client, showcase):
    response = client.get("/films/", {"genre": "drama", "decade": "1970s"})
    assert response.status_code == 200
    assert titles(response) == [
        "The Godfather",
        "The Godfather Part II",
        "Apocalypse Now",
        "The Conversation",
        "Taxi Driver",
    ]


def test_the_filters_are_reflected_in_the_form_and_as_removable_chips(client, showcase):
    body = client.get("/films/?genre=drama&decade=1970s&q=").content.decode()
    assert '<option value="drama" selected>' in body
    assert '<option value="1970s" selected>' in body
    assert "Genre: Drama" in body
    # Removing the genre chip keeps the decade, and empty fields are dropped from links.
    assert 'href="?decade=1970s"' in body


def test_it_filters_by_director_actor_language_and_score(client, showcase):
    assert titles(client.get("/films/", {"director": "kurosawa"})) == ["Seven Samurai", "Rashomon"]
    assert titles(client.get("/films/", {"actor": "de niro", "sort": "year:asc"})) == [
        "The Godfather Part II",
        "Taxi Driver",
        "Heat",
    ]
    assert titles(client.get("/films/", {"language": "fr", "sort": "title:asc"})) == [
        "Amélie",
        "La Haine",
    ]
    top = client.get("/films/?min_score=90").context["page"].films
    assert top and all(film.master_score >= 90 for film in top)


def test_it_sorts_by_year(client, showcase):
    assert titles(client.get("/films/?sort=year:asc"))[0] == "Metropolis"


def test_a_bad_filter_is_a_400_that_says_what_is_allowed(client, showcase):
    response = client.get("/films/", {"min_rating": "abc", "sort": "bogus:desc"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "min_rating" in body and "must be a number between 0 and 10" in body
    assert "sort" in body and "master_score" in body


def test_pages_are_bounded(client, db):
    for n in range(PER_PAGE + 3):
        make_film(title=f"Film {n:03}", master_score=50 + n / 100)
    first = client.get("/films/")
    assert len(first.context["page"].films) == PER_PAGE and first.context["page"].has_next
    second = client.get("/films/?page=2")
    assert len(second.context["page"].films) == 3 and not second.context["page"].has_next
    assert client.get(f"/films/?page={MAX_PAGE + 1}").status_code == 400
    assert client.get("/films/?page=zero").status_code == 400


def test_every_sort_offered_is_one_the_filterset_accepts():
    assert all(token.split(":")[0] in SORT_COLUMNS for token in SORT_LABELS)


def test_the_browse_page_has_a_fixed_number_of_queries(
    client, showcase, django_assert_max_num_queries
):
    url = "/films/?genre=drama&decade=1970s&min_rating=7"
    client.get(url)  # warms the cached genre options and the filter's genre lookup
    # films (1) + their genres (1)
    with django_assert_max_num_queries(2):
        response = client.get(url)
    assert response.status_code == 200
