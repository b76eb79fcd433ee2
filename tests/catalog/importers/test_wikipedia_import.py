import gzip
import shutil

import pytest

from catalog.models import Credit, Film, Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def sample(fixtures):
    return fixtures / "wikipedia" / "movies-sample.json"


def test_it_imports_title_year_cast_genres_overview_poster_and_link(import_catalog, sample):
    import_catalog("wikipedia", sample)

    film = Film.objects.get(wikipedia_title="The_Godfather")
    assert (film.title, film.year, film.slug, film.public_id) == (
        "The Godfather",
        1972,
        "the-godfather-1972",
        "the-godfather-1972",
    )
    assert film.overview.startswith("The Godfather is a 1972 American crime film")
    assert film.overview_source == "wikipedia"
    assert film.poster_url.endswith("Godfather_ver1.jpg") and film.has_poster
    assert sorted(film.genres.values_list("name", flat=True)) == ["Crime", "Drama"]
    cast = film.credits.filter(kind=Credit.Kind.CAST).order_by("order")
    assert [c.person.name for c in cast] == [
        "Marlon Brando",
        "Al Pacino",
        "James Caan",
        "Robert Duvall",
    ]


def test_it_merges_a_film_listed_twice_with_the_same_title_year_and_link(import_catalog, sample):
    import_catalog("wikipedia", sample)

    assert Film.objects.filter(title="The Godfather").count() == 1
    # The second listing adds the cast member the first one lacked, nobody twice.
    assert Person.objects.filter(name="Marlon Brando").count() == 1


def test_it_keeps_two_films_sharing_title_and_year_apart_with_numbered_slugs(
    import_catalog, sample
):
    import_catalog("wikipedia", sample)

    carmens = Film.objects.filter(title="Carmen", year=1915).order_by("slug")
    assert [f.slug for f in carmens] == ["carmen-1915", "carmen-1915-2"]
    assert {f.wikipedia_title for f in carmens} == {
        "Carmen_(1915_Cecil_B._DeMille_film)",
        "Carmen_(1915_Raoul_Walsh_film)",
    }


def test_it_handles_trailing_spaces_mixed_case_genres_and_missing_fields(import_catalog, sample):
    import_catalog("wikipedia", sample)

    alien = Film.objects.get(year=1979)
    assert alien.title == "Alien" and alien.overview == "" and not alien.has_poster
    assert Film.objects.get(title="Se7en").credits.count() == 0
    assert Film.objects.get(title="Se7en").wikipedia_title is None
    # "drama" and "DRAMA" land on the one Drama genre.
    assert Film.objects.filter(genres__name="Drama").count() == 3


def test_it_reports_bad_entries_with_file_and_line_and_imports_the_rest(import_catalog, sample):
    result = import_catalog("wikipedia", sample)

    assert "movies-sample.json:82: missing title" in result.err
    assert "movies-sample.json:89: bad year 'nineteen-eighty'" in result.err
    assert Film.objects.count() == 6
    assert result.summary.endswith("6 created, 1 updated, 0 unchanged, 0 skipped, 2 errors")


def test_a_second_run_changes_nothing(import_catalog, sample):
    import_catalog("wikipedia", sample)
    before = list(Film.objects.values_list("id", "slug", "updated_at").order_by("id"))

    result = import_catalog("wikipedia", sample)

    assert result.summary.endswith("0 created, 0 updated, 7 unchanged, 0 skipped, 2 errors")
    assert list(Film.objects.values_list("id", "slug", "updated_at").order_by("id")) == before
    assert Credit.objects.count() == 9


def test_it_reads_gzipped_files_and_folders(import_catalog, sample, tmp_path):
    with sample.open("rb") as plain, gzip.open(tmp_path / "movies-sample.json.gz", "wb") as packed:
        shutil.copyfileobj(plain, packed)

    result = import_catalog("wikipedia", tmp_path)

    assert "movies-sample.json.gz:82: missing title" in result.err
    assert Film.objects.count() == 6


def test_a_broken_json_file_is_reported_where_it_breaks(import_catalog, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text(
        '[\n  {"title": "Jaws", "year": 1975, "cast": [], "genres": []},\n  {"title": '
    )

    result = import_catalog("wikipedia", broken)

    assert "broken.json:3: invalid JSON" in result.err
    assert Film.objects.filter(title="Jaws").exists()


def test_it_gives_the_film_a_master_score(import_catalog, sample):
    import_catalog("wikipedia", sample)

    assert not Film.objects.filter(master_score__isnull=True).exists()


def test_it_shows_progress_lines_and_a_summary_per_file(import_catalog, sample):
    result = import_catalog("wikipedia", sample)

    # Not a terminal here: plain lines, no carriage returns.
    assert "wikipedia movies-sample.json (KiB): [" in result.out and "\r" not in result.out
    assert "wikipedia movies-sample.json: 6 created, 1 updated" in result.out
