import io
import zipfile

import pytest
from django.urls import reverse

from reviews import services
from reviews.models import FilmList, LetterboxdImport, Review, WatchlistEntry
from tests.factories import make_film

pytestmark = pytest.mark.django_db


@pytest.fixture
def films():
    return [make_film(title=f"Film {n}", year=1990 + n) for n in range(4)]


def test_a_member_logs_a_film_with_a_review_and_a_rewatch(alice_client, alice, films):
    url = reverse("reviews:log_film", args=[films[0].public_id])
    form = {
        "rating": "8.5",
        "text": "Better the second time.",
        "watched_on": "2024-05-01",
        "rewatch": "on",
        "tags": "noir, cinema",
    }
    response = alice_client.post(url, form)
    assert response.status_code == 302 and response["Location"] == films[0].get_absolute_url()
    review = Review.objects.get(user=alice)
    assert (float(review.rating), review.rewatch, review.tag_names) == (
        8.5,
        True,
        ["noir", "cinema"],
    )
    alice_client.post(url, form)
    assert Review.objects.filter(user=alice).count() == 1


def test_a_future_watched_date_is_a_form_error_and_saves_nothing(alice_client, films):
    url = reverse("reviews:log_film", args=[films[0].public_id])
    response = alice_client.post(url, {"rating": "5", "watched_on": "2999-01-01"})
    assert response.status_code == 400
    assert b"cannot be in the future" in response.content
    assert not Review.objects.exists()


def test_the_profile_shows_stats_favourites_diary_and_public_lists(client, alice, films):
    services.review_create(user=alice, film=films[0], rating=9, watched_on="2024-01-01", text="Wow")
    services.favourite_set(user=alice, film=films[1], favourite=True)
    services.list_create(user=alice, name="Shown list")
    services.list_create(user=alice, name="Secret list", visibility="private")
    services.list_create(user=alice, name="Link-only list", visibility="unlisted")
    response = client.get(reverse("reviews:profile", args=["alice"]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Film 0" in body and "Film 1" in body and "Wow" in body
    assert "Shown list" in body
    assert "Secret list" not in body and "Link-only list" not in body


def test_the_owner_sees_their_private_lists_on_their_lists_page(alice_client, alice):
    services.list_create(user=alice, name="Secret list", visibility="private")
    response = alice_client.get(reverse("reviews:user_lists", args=["alice"]))
    assert "Secret list" in response.content.decode()


def test_a_ranked_list_is_built_reordered_and_shown_in_order(alice_client, alice, films):
    response = alice_client.post(
        reverse("reviews:list_create"),
        {"name": "Top", "description": "Mine", "visibility": "public", "ranked": "on"},
    )
    film_list = FilmList.objects.get(user=alice)
    assert response["Location"] == reverse("reviews:list_edit", args=[film_list.token])
    for film in films[:3]:
        alice_client.post(
            reverse("reviews:item_add", args=[film_list.token]), {"film": film.public_id}
        )
    third = film_list.items.get(film=films[2])
    alice_client.post(
        reverse("reviews:item_move", args=[film_list.token, third.pk]), {"direction": "up"}
    )
    assert list(film_list.items.values_list("film__title", flat=True)) == [
        "Film 0",
        "Film 2",
        "Film 1",
    ]
    ids = list(film_list.items.order_by("-position").values_list("pk", flat=True))
    response = alice_client.post(
        reverse("reviews:list_reorder", args=[film_list.token]),
        {"order": ",".join(map(str, ids))},
        HTTP_ACCEPT="application/json",
    )
    assert response.json() == {"ok": True}
    assert list(film_list.items.values_list("film__title", flat=True)) == [
        "Film 1",
        "Film 2",
        "Film 0",
    ]
    page = alice_client.get(film_list.get_absolute_url()).content.decode()
    body = page[page.index('class="list-items') :]
    assert body.index("Film 1") < body.index("Film 2") < body.index("Film 0")


def test_a_film_is_added_to_a_list_by_its_title(alice_client, alice, films):
    film_list = services.list_create(user=alice, name="By title")
    alice_client.post(
        reverse("reviews:item_add", args=[film_list.token]), {"film": "Film 3 (1993)"}
    )
    assert list(film_list.items.values_list("film", flat=True)) == [films[3].pk]


def test_an_unlisted_list_opens_by_its_link_for_anyone(client, alice):
    film_list = services.list_create(user=alice, name="Link only", visibility="unlisted")
    assert client.get(film_list.get_absolute_url()).status_code == 200


def test_the_watchlist_shows_the_viewers_films_newest_first(alice_client, alice, bob, films):
    services.watchlist_add(user=alice, film=films[0])
    services.watchlist_add(user=alice, film=films[1])
    services.watchlist_add(user=bob, film=films[2])
    body = alice_client.get(reverse("reviews:watchlist")).content.decode()
    assert body.index("Film 1") < body.index("Film 0")
    assert "Film 2" not in body


def test_the_watchlist_toggle_adds_and_removes(alice_client, alice, films):
    url = reverse("reviews:watchlist_toggle", args=[films[0].public_id])
    alice_client.post(url, {"on": "1"})
    assert WatchlistEntry.objects.filter(user=alice).count() == 1
    alice_client.post(url, {"on": "0"})
    assert not WatchlistEntry.objects.exists()


def test_the_watchlist_needs_a_login(client):
    response = client.get(reverse("reviews:watchlist"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_redirect_target_off_the_site_is_ignored(alice_client, films):
    url = reverse("reviews:like_toggle", args=[films[0].public_id])
    response = alice_client.post(url, {"on": "1", "next": "https://evil.example/"})
    assert response["Location"] == films[0].get_absolute_url()


def test_an_upload_is_imported_in_the_background_with_a_report(
    alice_client, alice, films, django_capture_on_commit_callbacks
):
    diary = "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n"
    diary += "2024-01-01,Film 1,1991,,4,,,2024-01-01\n2024-01-02,Nope,1900,,3,,,2024-01-02\n"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("diary.csv", diary)
    upload = io.BytesIO(buffer.getvalue())
    upload.name = "letterboxd.zip"
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(reverse("reviews:letterboxd"), {"files": upload})
    job = LetterboxdImport.objects.get(user=alice)
    assert response["Location"] == reverse("reviews:letterboxd_import", args=[job.pk])
    assert job.status == "done" and bytes(job.upload) == b""
    assert job.report["created"] == {"reviews": 1}
    page = alice_client.get(response["Location"]).content.decode()
    assert "diary.csv" in page and "Nope" in page


def test_the_export_downloads_as_a_zip_and_as_json(alice_client, alice, films):
    services.review_create(user=alice, film=films[0], rating=6)
    response = alice_client.get(reverse("reviews:letterboxd_export"))
    assert response["Content-Type"] == "application/zip"
    assert "diary.csv" in zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    data = alice_client.get(reverse("reviews:json_export")).json()
    assert data["reviews"][0]["rating"] == 6.0


def test_the_profile_query_count_is_fixed(client, alice, films, django_assert_max_num_queries):
    for film in films:
        services.review_create(user=alice, film=film, rating=7, text="x", watched_on="2024-01-01")
        services.favourite_set(user=alice, film=film, favourite=True)
    for n in range(3):
        film_list = services.list_create(user=alice, name=f"L{n}")
        for film in films:
            services.list_add_item(film_list=film_list, film=film)
    # session-less: user by name, 4 stats counts, favourites, diary + its tags,
    # reviews + their tags, lists with counts + their first items.
    with django_assert_max_num_queries(12):
        assert client.get(reverse("reviews:profile", args=["alice"])).status_code == 200


def test_the_diary_query_count_does_not_grow_with_entries(
    client, alice, films, django_assert_max_num_queries
):
    for n, film in enumerate(films):
        services.review_create(user=alice, film=film, watched_on=f"2024-01-0{n + 1}", tags=["a"])
    # user, page count, entries with films, their tags.
    with django_assert_max_num_queries(4):
        assert client.get(reverse("reviews:diary", args=["alice"])).status_code == 200


def test_a_list_page_query_count_does_not_grow_with_items(
    client, alice, films, django_assert_max_num_queries
):
    film_list = services.list_create(user=alice, name="Many")
    for film in films:
        services.list_add_item(film_list=film_list, film=film, note="n")
    # the list with its owner, the item count, the items with their films.
    with django_assert_max_num_queries(3):
        assert client.get(film_list.get_absolute_url()).status_code == 200
