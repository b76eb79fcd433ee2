"""The same film from several sources ends up as one Film, whichever source comes first."""

import pytest

from catalog.models import Film, Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def wikipedia(fixtures):
    return fixtures / "wikipedia" / "movies-sample.json"


@pytest.fixture
def movielens(fixtures):
    return fixtures / "movielens"


def test_wikipedia_then_movielens_gives_one_godfather_with_its_ids_cast_and_rating(
    import_catalog, wikipedia, movielens
):
    import_catalog("wikipedia", wikipedia)
    result = import_catalog("movielens", movielens)

    godfather = Film.objects.get(title="The Godfather")
    assert godfather.imdb_id == "tt0068646" and godfather.public_id == "tt0068646"
    assert godfather.wikipedia_title == "The_Godfather" and godfather.movielens_id == 858
    assert godfather.slug == "the-godfather-1972"
    assert godfather.credits.filter(person__name="Marlon Brando").exists()
    assert godfather.movielens_rating == pytest.approx(9.0)
    assert godfather.master_score is not None
    assert "mafia" in godfather.keywords.values_list("name", flat=True)
    # Alien and Se7en/Seven (by its a.k.a.) and Amélie/Amelie (accents) matched too.
    assert Film.objects.get(movielens_id=1214).wikipedia_title == "Alien_(film)"
    assert Film.objects.get(movielens_id=47).title == "Se7en"
    assert Film.objects.get(movielens_id=4973).wikipedia_title == "Am%C3%A9lie"
    assert result.summary.startswith("movielens: 2 created, 4 updated")


def test_movielens_then_wikipedia_merges_the_same_way(import_catalog, wikipedia, movielens):
    import_catalog("movielens", movielens)
    import_catalog("wikipedia", wikipedia)

    godfather = Film.objects.get(imdb_id="tt0068646")
    assert godfather.wikipedia_title == "The_Godfather"
    assert godfather.overview_source == "wikipedia"
    assert Film.objects.filter(norm_title="godfather").count() == 1
    assert Film.objects.count() == 8  # 6 Wikipedia films + The Matrix + Black Mirror


def test_rerunning_both_sources_changes_nothing(import_catalog, wikipedia, movielens):
    import_catalog("wikipedia", wikipedia)
    import_catalog("movielens", movielens)

    again = [import_catalog("wikipedia", wikipedia), import_catalog("movielens", movielens)]

    assert [r.summary.split(": ", 1)[1].split(", ")[:3] for r in again] == [
        ["0 created", "0 updated", "7 unchanged"],
        ["0 created", "0 updated", "6 unchanged"],
    ]


def test_imdb_and_tmdb_enrich_the_wikipedia_film_and_its_people(
    import_catalog, wikipedia, movielens, fixtures
):
    import_catalog("wikipedia", wikipedia)
    import_catalog("movielens", movielens)
    import_catalog("imdb", fixtures / "imdb")
    import_catalog("tmdb", fixtures / "tmdb")

    godfather = Film.objects.get(imdb_id="tt0068646")
    assert (godfather.imdb_rating, godfather.tmdb_id, godfather.runtime) == (9.2, 238, 175)
    assert godfather.overview_source == "tmdb"
    brando = Person.objects.get(name="Marlon Brando")  # one person, whichever source named him
    assert (brando.imdb_id, brando.tmdb_id) == ("nm0000008", 3084)
    assert godfather.credits.get(person=brando).character == "Don Vito Corleone"
    assert Film.objects.filter(norm_title="godfather").count() == 1
