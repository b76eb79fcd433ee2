import io
import json
import zipfile

import pytest
from django.core.management import call_command

from reviews import services
from reviews.letterboxd.archive import read_path, read_zip
from reviews.letterboxd.exporter import export_zip, stars
from reviews.letterboxd.importer import import_letterboxd
from tests.factories import make_film
from tests.reviews.test_letterboxd_import import snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def alices_data(alice):
    heat = make_film(title="Heat", year=1995)
    heat_remake = make_film(title="Heat", year=1986)  # same title: only the URI tells them apart
    alien = make_film(title="Alien", year=1979)
    ran = make_film(title="Ran", year=1985)
    stalker = make_film(title="Сталкер", year=1979)
    services.review_create(
        user=alice,
        film=heat,
        rating=7.5,
        text='Long, "quoted",\nmulti-line.',
        watched_on="2024-03-01",
        tags=["crime", "la"],
    )
    services.review_create(user=alice, film=heat, rating=9, watched_on="2025-01-01", rewatch=True)
    services.review_create(user=alice, film=heat_remake, rating=3)
    services.review_create(user=alice, film=alien, text="No date, no rating, just words.")
    services.review_create(user=alice, film=ran)
    services.review_create(user=alice, film=stalker, rating=0, watched_on="2023-05-05")
    for film in (ran, alien, stalker):
        services.watchlist_add(user=alice, film=film)
    services.like_set(user=alice, film=ran, liked=True)
    services.favourite_set(user=alice, film=stalker, favourite=True)
    services.favourite_set(user=alice, film=heat, favourite=True)
    ranked = services.list_create(
        user=alice, name="Best of the 80s", description="Ranked.", ranked=True
    )
    for film, note in ((ran, "Lear"), (heat_remake, ""), (stalker, "Zone")):
        services.list_add_item(film_list=ranked, film=film, note=note)
    services.list_move_item(item=ranked.items.get(film=stalker), position=1)
    loose = services.list_create(user=alice, name="Someday", visibility="unlisted")
    services.list_add_item(film_list=loose, film=alien)
    services.list_create(user=alice, name="Someday", visibility="private")  # same name, empty
    return alice


def test_export_then_import_into_a_fresh_account_reproduces_the_data(alices_data, bob):
    archive = export_zip(alices_data)
    report = import_letterboxd(bob, read_zip(archive))
    assert report.problems == []
    assert snapshot(bob) == snapshot(alices_data)


def test_the_zip_holds_letterboxd_files_and_a_json_of_everything(alices_data):
    archive = zipfile.ZipFile(io.BytesIO(export_zip(alices_data)))
    names = set(archive.namelist())
    assert {"diary.csv", "reviews.csv", "ratings.csv", "watched.csv", "watchlist.csv"} <= names
    assert {"likes/films.csv", "profile.csv", "reelbase.json"} <= names
    assert {"lists/best-of-the-80s.csv", "lists/someday.csv", "lists/someday-2.csv"} <= names
    diary = archive.read("diary.csv").decode()
    assert diary.splitlines()[0] == "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date"
    assert ",4.5,Yes,,2025-01-01" in diary
    assert (
        archive.read("lists/best-of-the-80s.csv")
        .decode()
        .startswith("Letterboxd list export v7\nDate,Name,Tags,URL,Description\n")
    )
    data = json.loads(archive.read("reelbase.json"))
    assert len(data["reviews"]) == 6 and data["user"]["username"] == "alice"
    assert [i["note"] for i in data["lists"][0]["items"]] == ["Zone", "Lear", ""]


@pytest.mark.parametrize(("rating", "shown"), [(10, "5"), (7, "3.5"), (7.5, "3.75"), (0, "0")])
def test_ratings_are_written_as_stars(rating, shown):
    from decimal import Decimal

    assert stars(Decimal(str(rating))) == shown


def test_the_commands_round_trip_through_a_file(alices_data, bob, tmp_path):
    target = tmp_path / "export.zip"
    call_command("export_letterboxd", "alice@example.com", str(target), stdout=io.StringIO())
    call_command(
        "import_letterboxd",
        "bob@example.com",
        str(target),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    assert snapshot(bob) == snapshot(alices_data)
    assert read_path(target).files.keys() >= {"diary.csv", "reelbase.json"}
