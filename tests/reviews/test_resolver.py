import pytest

from catalog.models import AlternativeTitle
from catalog.resolver import best_match, resolve_title, trigram_similarity
from tests.factories import make_film

pytestmark = pytest.mark.django_db


@pytest.fixture
def godfathers():
    return {
        "one": make_film(title="The Godfather", year=1972, imdb_votes=2_000_000),
        "two": make_film(title="The Godfather Part II", year=1974, imdb_votes=1_300_000),
        "alien": make_film(title="Alien", year=1979),
        "amelie": make_film(title="Amélie", year=2001),
    }


@pytest.mark.parametrize(
    "title", ["The Godfather", "the godfather", "Godfather, The", "GODFATHER!", "godfathr"]
)
def test_it_tolerates_case_punctuation_articles_and_typos(godfathers, title):
    match = best_match(resolve_title(title, year=1972))
    assert match is not None and match.film == godfathers["one"]


def test_an_exact_title_and_year_is_high_confidence(godfathers):
    candidates = resolve_title("The Godfather", year=1972)
    assert candidates[0].score == 1.0 and candidates[0].confidence == "high"
    assert candidates[1].film == godfathers["two"]
    assert all(0 <= c.score <= 1 for c in candidates)


def test_the_year_picks_between_same_named_films():
    old = make_film(title="Scarface", year=1932)
    new = make_film(title="Scarface", year=1983)
    assert resolve_title("Scarface", year=1932)[0].film == old
    assert resolve_title("Scarface", year=1983)[0].film == new
    assert resolve_title("Scarface (1983)")[0].film == new


def test_it_ignores_diacritics(godfathers):
    assert best_match(resolve_title("Amelie")).film == godfathers["amelie"]


def test_it_finds_alternative_titles():
    film = make_film(title="Le fabuleux destin d'Amélie Poulain", year=2001)
    AlternativeTitle.objects.create(film=film, title="Amelie from Montmartre")
    assert best_match(resolve_title("Amelie from Montmartre", year=2001)).film == film


def test_nothing_plausible_is_no_match(godfathers):
    candidates = resolve_title("Zyxwvut Qqq", year=1950)
    assert best_match(candidates) is None


def test_it_returns_at_most_five_candidates():
    for year in range(1990, 2000):
        make_film(title="Hamlet", year=year)
    assert len(resolve_title("Hamlet")) == 5


def test_trigram_similarity_matches_pg_trgm_on_known_values():
    # SELECT similarity('godfathr', 'godfather') is 0.5833 on PostgreSQL 15.
    assert trigram_similarity("godfathr", "godfather") == pytest.approx(7 / 12)
    assert trigram_similarity("alien", "alien") == 1.0
