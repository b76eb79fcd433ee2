import pytest

from catalog.importers.movielens import parse_title
from catalog.models import AlternativeTitle, Film

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("raw", "parsed"),
    [
        ("Godfather, The (1972)", ("The Godfather", 1972, [])),
        ("Seven (a.k.a. Se7en) (1995)", ("Seven", 1995, ["Se7en"])),
        (
            "Amelie (Fabuleux destin d'Amélie Poulain, Le) (2001)",
            ("Amelie", 2001, ["Le Fabuleux destin d'Amélie Poulain"]),
        ),
        ("(500) Days of Summer (2009)", ("(500) Days of Summer", 2009, [])),
        ("Babylon 5 ", ("Babylon 5", None, [])),
        ("Stranger Things (2016-)", ("Stranger Things", 2016, [])),
    ],
)
def test_it_reads_titles_years_and_alternate_titles(raw, parsed):
    assert parse_title(raw) == parsed


@pytest.fixture
def folder(fixtures):
    return fixtures / "movielens"


def test_it_creates_films_with_ids_ratings_and_keywords(import_catalog, folder):
    result = import_catalog("movielens", folder)

    godfather = Film.objects.get(movielens_id=858)
    assert (godfather.title, godfather.year) == ("The Godfather", 1972)
    assert (godfather.imdb_id, godfather.tmdb_id, godfather.public_id) == (
        "tt0068646",
        238,
        "tt0068646",
    )
    # (5 + 4 + 4.5) / 3 stars, on the 0-10 scale.
    assert godfather.movielens_rating == pytest.approx(9.0)
    assert godfather.movielens_votes == 3
    assert sorted(godfather.keywords.values_list("name", flat=True)) == ["classic", "mafia"]
    assert sorted(godfather.genres.values_list("name", flat=True)) == ["Crime", "Drama"]
    assert "6 created" in result.summary


def test_it_stores_alternate_titles_and_maps_genres(import_catalog, folder):
    import_catalog("movielens", folder)

    seven = Film.objects.get(movielens_id=47)
    assert list(seven.alternative_titles.values_list("title", "source")) == [("Se7en", "movielens")]
    assert AlternativeTitle.objects.filter(title="Le Fabuleux destin d'Amélie Poulain").exists()
    assert set(Film.objects.get(movielens_id=1214).genres.values_list("name", flat=True)) == {
        "Horror",
        "Science Fiction",
    }
    assert Film.objects.get(movielens_id=176601).genres.count() == 0  # (no genres listed)


def test_it_reports_bad_rows_with_file_and_line_and_imports_the_rest(import_catalog, folder):
    result = import_catalog("movielens", folder)

    assert "movies.csv:7: bad movieId 'abc'" in result.err
    assert "ratings.csv:8: could not convert string to float: 'nine'" in result.err
    assert Film.objects.count() == 6
    # The bad rating is left out of the average: (5 + 3.5) / 2 stars.
    assert Film.objects.get(movielens_id=2571).movielens_rating == pytest.approx(8.5)


def test_a_second_run_changes_nothing(import_catalog, folder):
    import_catalog("movielens", folder)

    result = import_catalog("movielens", folder)

    assert result.summary.endswith("0 created, 0 updated, 6 unchanged, 0 skipped, 2 errors")
    assert Film.objects.count() == 6


def test_a_folder_without_the_four_files_is_refused(import_catalog, tmp_path):
    from django.core.management import CommandError

    (tmp_path / "movies.csv").write_text("movieId,title,genres\n")
    with pytest.raises(CommandError, match="no links.csv, ratings.csv, tags.csv"):
        import_catalog("movielens", tmp_path)
    assert not Film.objects.exists()
