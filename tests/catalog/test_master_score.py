import pytest

from catalog.models import Film
from catalog.scoring import (
    PRIOR_WEIGHT,
    SOURCES,
    catalog_means,
    overall_mean,
    recompute_scores,
    refresh_film_score,
    score_parts,
)
from tests.factories import make_film

pytestmark = pytest.mark.django_db

WEIGHT = {s.name: s.weight for s in SOURCES}


def score_of(film: Film) -> float:
    film.refresh_from_db()
    return film.master_score


def test_a_film_with_no_rating_source_gets_the_catalog_mean():
    make_film(imdb_rating=8.0, imdb_votes=100_000)
    bare = make_film()
    recompute_scores()
    assert score_of(bare) == pytest.approx(10 * overall_mean(catalog_means()))


def test_many_votes_keep_the_film_close_to_its_own_rating():
    make_film(imdb_rating=6.0, imdb_votes=10_000)
    godfather = make_film(imdb_rating=9.2, imdb_votes=2_000_000)
    recompute_scores()
    # The catalog average keeps a share of at most P / (W_imdb + P) ~ 5%.
    assert 89 < score_of(godfather) < 92


def test_few_votes_stay_near_the_catalog_mean():
    make_film(imdb_rating=6.0, imdb_votes=50_000)
    make_film(imdb_rating=7.0, imdb_votes=50_000)
    tiny = make_film(imdb_rating=10.0, imdb_votes=3)
    recompute_scores()
    mean = 10 * overall_mean(catalog_means())
    assert abs(score_of(tiny) - mean) < 2


def test_one_member_rating_barely_moves_a_well_known_film():
    godfather = make_film(imdb_rating=9.2, imdb_votes=2_000_000, rt_critics=97)
    recompute_scores()
    before = score_of(godfather)
    Film.objects.filter(pk=godfather.pk).update(community_rating=3.0, community_votes=1)
    refresh_film_score(godfather.pk)
    assert abs(score_of(godfather) - before) < 1


def test_missing_sources_are_left_out_rather_than_counted_as_zero():
    only_rt = make_film(rt_critics=90)
    recompute_scores()
    # RT at full confidence against the small prior: close to 90, nowhere near 0.
    assert 85 < score_of(only_rt) < 90


def test_sources_are_combined_by_weight():
    film = make_film(rt_critics=100, imdb_rating=5.0, imdb_votes=10_000_000)
    recompute_scores()
    mean = overall_mean(catalog_means())
    weight_imdb = WEIGHT["imdb"] * 10_000_000 / (10_000_000 + 1000)
    expected = (
        10
        * (weight_imdb * 5.0 + WEIGHT["rt_critics"] * 10 + PRIOR_WEIGHT * mean)
        / (weight_imdb + WEIGHT["rt_critics"] + PRIOR_WEIGHT)
    )
    assert score_of(film) == pytest.approx(expected, abs=0.01)


FULL = {
    "imdb_rating": 10.0, "imdb_votes": 4_000_000, "rt_critics": 100, "tmdb_rating": 10.0,
    "tmdb_votes": 90_000, "movielens_rating": 10.0, "movielens_votes": 500,
    "community_rating": 10.0, "community_votes": 50,
}  # fmt: skip
EMPTY_VOTES = {**FULL, "imdb_rating": 0.0, "rt_critics": 0, "tmdb_rating": 0.0,
               "movielens_rating": 1.0, "community_rating": 0.0}  # fmt: skip


@pytest.mark.parametrize("ratings", [FULL, EMPTY_VOTES, {}, {"imdb_rating": 7.1, "imdb_votes": 1}])
def test_the_score_stays_within_0_and_100(ratings):
    film = make_film(**ratings)
    recompute_scores()
    assert 0 <= score_of(film) <= 100


@pytest.mark.parametrize("ratings", [FULL, EMPTY_VOTES, {}, {"rt_critics": 35},
                                     {"movielens_rating": 8.5, "movielens_votes": 12,
                                      "community_rating": 4.0, "community_votes": 2}])  # fmt: skip
def test_the_sql_and_the_python_definitions_agree(ratings):
    make_film(imdb_rating=6.4, imdb_votes=20_000, tmdb_rating=6.1, tmdb_votes=300)
    film = make_film(**ratings)
    recompute_scores()
    _, expected = score_parts(film, catalog_means())
    assert score_of(film) == pytest.approx(expected, abs=1e-6)


def test_zero_votes_means_the_source_is_absent():
    with_zero = make_film(imdb_rating=9.9, imdb_votes=0, rt_critics=40)
    without = make_film(rt_critics=40)
    recompute_scores()
    assert score_of(with_zero) == pytest.approx(score_of(without))


def test_a_single_film_refresh_uses_the_stored_means():
    make_film(imdb_rating=6.0, imdb_votes=50_000)
    film = make_film(community_rating=8.0, community_votes=100)
    recompute_scores()
    Film.objects.filter(pk=film.pk).update(community_rating=2.0)
    refresh_film_score(film.pk)
    assert score_of(film) < 40


def test_recompute_scores_command_reports_the_count(capsys):
    from django.core.management import call_command

    make_film(imdb_rating=7.0, imdb_votes=100)
    call_command("recompute_scores")
    assert "Recomputed master_score for 1 films" in capsys.readouterr().out
