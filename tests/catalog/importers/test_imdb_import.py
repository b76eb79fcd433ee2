import gzip
import shutil

import pytest

from catalog.models import Credit, Film, Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def dumps(fixtures):
    return fixtures / "imdb"


def test_it_imports_movies_with_ratings_runtime_and_genres(import_catalog, dumps):
    import_catalog("imdb", dumps)

    godfather = Film.objects.get(imdb_id="tt0068646")
    assert (godfather.title, godfather.year, godfather.runtime) == ("The Godfather", 1972, 175)
    assert (godfather.imdb_rating, godfather.imdb_votes) == (9.2, 2100000)
    assert sorted(godfather.genres.values_list("name", flat=True)) == ["Crime", "Drama"]
    assert (
        Film.objects.get(imdb_id="tt0211915").original_title
        == "Le fabuleux destin d'Amélie Poulain"
    )
    # QUOTE_NONE: quotes are part of the title.
    assert Film.objects.get(imdb_id="tt0090555").title == '"Crocodile" Dundee'


def test_it_skips_everything_that_is_not_a_movie(import_catalog, dumps):
    result = import_catalog("imdb", dumps)

    assert not Film.objects.filter(imdb_id="tt0903747").exists()
    assert "title.basics.tsv: 4 created, 0 updated, 0 unchanged, 1 skipped, 1 errors" in result.out
    assert "title.ratings.tsv: 0 created, 3 updated, 0 unchanged, 1 skipped, 0 errors" in result.out


def test_it_imports_people_with_ids_and_their_credits(import_catalog, dumps):
    import_catalog("imdb", dumps)

    pacino = Person.objects.get(imdb_id="nm0000199")
    assert (pacino.name, pacino.birth_year, pacino.death_year) == ("Al Pacino", 1940, None)
    assert pacino.known_for_department == "Acting"
    godfather = Film.objects.get(imdb_id="tt0068646")
    cast = godfather.credits.filter(kind=Credit.Kind.CAST).order_by("order")
    assert [(c.person.name, c.character) for c in cast] == [
        ("Marlon Brando", "Don Vito Corleone"),
        ("Al Pacino", "Michael Corleone"),
    ]
    crew = set(godfather.credits.filter(kind=Credit.Kind.CREW).values_list("person__name", "job"))
    assert crew == {
        ("Francis Ford Coppola", "Director"),
        ("Mario Puzo", "Screenplay"),
        ("Mario Puzo", "Writer"),
        ("Francis Ford Coppola", "Writer"),
    }


def test_it_reports_bad_rows_with_file_and_line(import_catalog, dumps):
    result = import_catalog("imdb", dumps)

    assert "title.basics.tsv:6: wrong number of columns" in result.err


def test_a_second_run_changes_nothing(import_catalog, dumps):
    import_catalog("imdb", dumps)

    result = import_catalog("imdb", dumps)

    assert " 0 created, 0 updated," in result.summary
    assert Film.objects.count() == 4


def test_it_reads_gzipped_dumps(import_catalog, dumps, tmp_path):
    for plain in dumps.glob("*.tsv"):
        with plain.open("rb") as source, gzip.open(tmp_path / f"{plain.name}.gz", "wb") as packed:
            shutil.copyfileobj(source, packed)

    import_catalog("imdb", *sorted(tmp_path.iterdir()))

    assert Film.objects.get(imdb_id="tt0068646").imdb_rating == 9.2
