import io
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command

from reviews.letterboxd.archive import ArchiveError, read_csv_files, read_path, read_zip
from reviews.letterboxd.importer import import_letterboxd
from reviews.models import FavouriteFilm, FilmLike, FilmList, Review, WatchlistEntry
from tests.factories import make_film

pytestmark = pytest.mark.django_db

EXPORT = Path(__file__).parent.parent / "fixtures" / "letterboxd" / "export"


def zipped(folder: Path = EXPORT) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for file in sorted(folder.rglob("*")):
            if file.is_file():
                archive.write(file, file.relative_to(folder).as_posix())
    return buffer.getvalue()


@pytest.fixture
def films():
    return {
        "godfather": make_film(title="The Godfather", year=1972),
        "godfather2": make_film(title="The Godfather Part II", year=1974),
        "alien": make_film(title="Alien", year=1979),
        "amelie": make_film(title="Amélie", year=2001),
        "scarface": make_film(title="Scarface", year=1983),
    }


def snapshot(user) -> dict:
    reviews = Review.objects.filter(user=user).prefetch_related("tags")
    return {
        "reviews": sorted(
            (r.film.title, r.rating, r.text, r.watched_on, r.rewatch, tuple(r.tag_names))
            for r in reviews
        ),
        "watchlist": list(WatchlistEntry.objects.filter(user=user).values_list("film__title")),
        "likes": list(FilmLike.objects.filter(user=user).values_list("film__title")),
        "favourites": list(FavouriteFilm.objects.filter(user=user).values_list("film__title")),
        "lists": [
            (
                fl.name,
                fl.description,
                fl.visibility,
                fl.ranked,
                list(fl.items.values_list("position", "film__title", "note")),
            )
            for fl in FilmList.objects.filter(user=user).order_by("id")
        ],
    }


def test_it_imports_every_file_of_an_export(alice, films):
    report = import_letterboxd(alice, read_zip(zipped()))

    godfather = Review.objects.get(user=alice, film=films["godfather"], rewatch=False)
    assert godfather.rating == Decimal("10.0")
    assert godfather.text.startswith("An offer I could not refuse.\n\nSecond paragraph")
    assert '""' not in godfather.text and '"quotes"' in godfather.text
    assert godfather.tag_names == ["crime", "family", "35mm"]
    assert godfather.source == Review.Source.IMPORT
    rewatch = Review.objects.get(user=alice, film=films["godfather"], rewatch=True)
    assert (rewatch.rating, str(rewatch.watched_on)) == (Decimal("9.0"), "2021-06-09")
    # 3 diary entries matched (reviews.csv merged into the first), plus Amélie's rating.
    assert Review.objects.filter(user=alice).count() == 4
    amelie = Review.objects.get(user=alice, film=films["amelie"])
    assert (amelie.rating, amelie.watched_on, amelie.text) == (Decimal("7.0"), None, "")
    # Newest added first: Scarface was added after Part II.
    assert [e.film for e in WatchlistEntry.objects.filter(user=alice)] == [
        films["scarface"],
        films["godfather2"],
    ]
    assert list(FilmLike.objects.filter(user=alice).values_list("film", flat=True)) == [
        films["alien"].pk
    ]
    assert [f.film for f in FavouriteFilm.objects.filter(user=alice)] == [
        films["godfather"],
        films["alien"],
    ]
    top = FilmList.objects.get(user=alice)
    assert (top.name, top.ranked, top.visibility) == ("My Top Films", True, "private")
    assert top.description == "The best, in order.\nReally."
    assert list(top.items.values_list("position", "film__title", "note")) == [
        (1, "The Godfather", ""),
        (2, "Alien", "In space"),
    ]
    assert report.created == {
        "reviews": 4,
        "watchlist": 2,
        "likes": 1,
        "favourites": 2,
        "lists": 1,
        "list_items": 2,
    }


def test_it_reports_unmatched_and_invalid_rows_by_file_and_line(alice, films):
    report = import_letterboxd(alice, read_zip(zipped()))
    problems = {(p["file"], p["line"]) for p in report.problems}
    assert problems == {
        ("diary.csv", 5),  # Unknown Film Nobody Made
        ("diary.csv", 6),  # a rating of 7 stars
        ("watched.csv", 5),
        ("lists/my-top-films.csv", 9),  # the description spans two lines
    }
    bad_rating = next(p for p in report.problems if p["line"] == 6)
    assert "7" in bad_rating["message"]


def test_it_ignores_deleted_and_orphaned_entries(alice, films):
    import_letterboxd(alice, read_zip(zipped()))
    assert not Review.objects.filter(film=films["scarface"]).exists()


def test_a_reimport_changes_nothing(alice, films):
    import_letterboxd(alice, read_zip(zipped()))
    before = snapshot(alice)
    films["godfather"].refresh_from_db()
    votes = films["godfather"].community_votes

    report = import_letterboxd(alice, read_zip(zipped()))

    assert report.created == {}
    assert snapshot(alice) == before
    films["godfather"].refresh_from_db()
    assert films["godfather"].community_votes == votes == 2


def test_loose_csvs_and_an_unpacked_folder_import_alike(alice, bob, films):
    import_letterboxd(alice, read_path(EXPORT))
    files = {p.name: p.read_bytes() for p in [EXPORT / "diary.csv", EXPORT / "reviews.csv"]}
    files["my-top-films.csv"] = (EXPORT / "lists" / "my-top-films.csv").read_bytes()
    export = read_csv_files(files)
    assert set(export.files) == {"diary.csv", "reviews.csv", "lists/my-top-films.csv"}
    import_letterboxd(bob, export)
    assert Review.objects.filter(user=bob).count() == 3
    assert FilmList.objects.filter(user=bob).count() == 1


def test_the_command_names_every_problem(alice, films, tmp_path):
    out = io.StringIO()
    call_command(
        "import_letterboxd", "ALICE@example.com", str(EXPORT), stdout=out, stderr=io.StringIO()
    )
    text = out.getvalue()
    assert (
        "diary.csv line 5: no film in the catalog matches 'Unknown Film Nobody Made' (1999)" in text
    )
    assert "4 reviews" in text


def test_a_zip_bomb_is_refused(alice):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("diary.csv", b"0" * (21 * 1024 * 1024))
    assert len(buffer.getvalue()) < 1024 * 1024
    with pytest.raises(ArchiveError, match="larger than"):
        read_zip(buffer.getvalue())


def test_paths_that_climb_out_are_never_read(alice):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("../../diary.csv", "Date,Name\n")
        archive.writestr("/etc/diary.csv", "Date,Name\n")
        archive.writestr("lists/../../x.csv", "Date,Name\n")
    export = read_zip(buffer.getvalue())
    assert export.files == {}
    assert len(export.skipped) == 3


def test_text_that_is_not_utf8_is_a_clear_error():
    with pytest.raises(ArchiveError, match="not UTF-8"):
        read_csv_files({"diary.csv": "Date,Name\n2020,Amélie\n".encode("latin-1")})


def test_something_that_is_not_a_zip_is_a_clear_error():
    with pytest.raises(ArchiveError, match="not a zip"):
        read_zip(b"PK not really")


def test_a_file_without_the_name_column_is_reported_once(alice, films):
    export = read_csv_files({"diary.csv": b"Date,Title,Year\n2020-01-01,Alien,1979\n"})
    report = import_letterboxd(alice, export)
    assert report.problems == [
        {"file": "diary.csv", "line": 1, "message": "has no Name column; file skipped"}
    ]


def test_an_unreadable_csv_is_a_problem_not_a_crash(alice, films):
    export = read_csv_files({"diary.csv": b'Date,Name\n2020,"' + b"x" * 200_000 + b'"\n'})
    report = import_letterboxd(alice, export)
    assert report.problems[0]["file"] == "diary.csv"
    assert "cannot be read" in report.problems[0]["message"]
