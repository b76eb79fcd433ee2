"""The real datasets in ../shared/data, imported whole (slow; CI runs them on both databases)."""

import gzip
import json

import pytest

from catalog.models import Credit, Film
from catalog.text import normalise_title

# transaction=True: inside the usual per-test transaction every batch would be a savepoint,
# which SQLite's FTS5 search index turns into a three times slower import.
pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

WIKIPEDIA_ENTRIES = 36_273
# 19 entries repeat the title, year and article of an earlier one (e.g. "Suspicion" 1918
# twice in the 1910s list): the same film, merged. Entries that share title and year
# but link different articles ("Carmen", 1915, twice) are different films and stay apart.
WIKIPEDIA_FILMS = 36_254
MOVIELENS_FILMS = 9_742
# MovieLens films whose title (or a.k.a.) and year match a Wikipedia film; the other
# 3,631 (mostly non-American films) are created.
MOVIELENS_MATCHED = 6_111


def distinct_wikipedia_films(folder) -> tuple[int, int]:
    """(entries, distinct title + year + article) computed straight from the files."""
    entries, keys = 0, set()
    for path in sorted(folder.glob("*.json.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for entry in json.load(f):
                entries += 1
                keys.add((normalise_title(entry["title"]), entry["year"], entry.get("href")))
    return entries, len(keys)


def test_the_expected_counts_follow_from_the_data(shared_data):
    assert distinct_wikipedia_films(shared_data / "wikipedia-movies") == (
        WIKIPEDIA_ENTRIES,
        WIKIPEDIA_FILMS,
    )


def test_wikipedia_then_movielens_builds_the_catalog_with_the_godfather(
    shared_data, import_catalog
):
    wikipedia = import_catalog("wikipedia", shared_data / "wikipedia-movies")
    assert Film.objects.count() == WIKIPEDIA_FILMS
    assert wikipedia.summary.startswith(f"wikipedia: {WIKIPEDIA_FILMS:,} created")
    assert wikipedia.summary.endswith("0 skipped, 0 errors")

    movielens = import_catalog("movielens", shared_data / "movielens-small")
    created = MOVIELENS_FILMS - MOVIELENS_MATCHED
    assert movielens.summary.startswith(
        f"movielens: {created:,} created, {MOVIELENS_MATCHED:,} updated, 0 unchanged"
    )
    assert Film.objects.count() == WIKIPEDIA_FILMS + created
    assert Film.objects.filter(imdb_id__isnull=False).count() == MOVIELENS_FILMS
    matched = Film.objects.filter(wikipedia_title__isnull=False, imdb_id__isnull=False)
    assert matched.count() >= 5_500

    godfather = Film.objects.get(title="The Godfather", year=1972)
    assert (godfather.imdb_id, godfather.tmdb_id, godfather.public_id) == (
        "tt0068646",
        238,
        "tt0068646",
    )
    cast = list(
        godfather.credits.filter(kind=Credit.Kind.CAST)
        .order_by("order")
        .values_list("person__name", flat=True)[:3]
    )
    assert cast == ["Marlon Brando", "Al Pacino", "James Caan"]
    assert godfather.movielens_votes > 100 and 8 < godfather.movielens_rating < 10
    assert godfather.master_score > 70


def test_importing_both_datasets_again_changes_nothing(shared_data, import_catalog):
    import_catalog("wikipedia", shared_data / "wikipedia-movies")
    import_catalog("movielens", shared_data / "movielens-small")
    credits = Credit.objects.count()

    wikipedia = import_catalog("wikipedia", shared_data / "wikipedia-movies")
    movielens = import_catalog("movielens", shared_data / "movielens-small")

    assert wikipedia.summary.startswith(f"wikipedia: 0 created, 0 updated, {WIKIPEDIA_ENTRIES:,}")
    assert movielens.summary.startswith(f"movielens: 0 created, 0 updated, {MOVIELENS_FILMS:,}")
    assert Film.objects.count() == WIKIPEDIA_FILMS + MOVIELENS_FILMS - MOVIELENS_MATCHED
    assert Credit.objects.count() == credits
