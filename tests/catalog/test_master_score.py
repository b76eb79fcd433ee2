import pytest

from catalog.models import Film
from catalog.scoring import SOURCES, catalog_means, recompute_scores, refresh_film_score
from tests.factories import make_film

pytestmark = pytest.mark.django_db


def score_of(film: Film) -> float:
    film.refresh_from_db()
    return film.master_score


def test_a_film_with_no_rating_source_gets_the_catalog_mean():
    rated = make_film(imdb_rating=8.0, imdb_votes=100_000)
    bare = make_film()
    recompute_scores()
    means = catalog_means()
    assert score_of(bare) == pytest.approx(10 * sum(means.values()) / len(means))
    assert score_of(rated) is not None


def test_many_votes_keep_the_film_close_to_its_own_rating():
    make_film(imdb_rating=6.0, imdb_votes=10_000)  # pulls the IMDb mean down
    godfather = make_film(imdb_rating=9.2, imdb_votes=2_000_000)
    recompute_scores()
    assert score_of(godfather) == pytest.approx(92, abs=0.5)


def test_few_votes_are_shrunk_toward_the_catalog_mean():
    make_film(imdb_rating=6.0, imdb_votes=50_000)
    make_film(imdb_rating=7.0, imdb_votes=50_000)
    tiny = make_film(imdb_rating=10.0, imdb_votes=3)
    recompute_scores()
    # IMDb mean is (6 + 7 + 10) / 3 ~ 7.67; three votes barely move a 1000-vote prior.
    assert 76 < score_of(tiny) < 78


def test_missing_sources_are_left_out_rather_than_counted_as_zero():
    only_rt = make_film(rt_critics=90)
    recompute_scores()
    assert score_of(only_rt) == pytest.approx(90)


def test_sources_are_combined_by_weight():
    film = make_film(rt_critics=100, imdb_rating=5.0, imdb_votes=10_000_000)
    recompute_scores()
    weights = {s.name: s.weight for s in SOURCES}
    imdb_part = weights["imdb"] * 5.0
    rt_part = weights["rt_critics"] * 10
    expected = 10 * (imdb_part + rt_part) / (weights["imdb"] + weights["rt_critics"])
    assert score_of(film) == pytest.approx(expected, abs=0.05)


@pytest.mark.parametrize(
    "ratings",
    [
        {
            "imdb_rating": 10.0,
            "imdb_votes": 4_000_000,
            "rt_critics": 100,
            "tmdb_rating": 10.0,
            "tmdb_votes": 90_000,
            "movielens_rating": 10.0,
            "movielens_votes": 500,
            "community_rating": 10.0,
            "community_votes": 50,
        },
        {
            "imdb_rating": 0.0,
            "imdb_votes": 4_000_000,
            "rt_critics": 0,
            "tmdb_rating": 0.0,
            "tmdb_votes": 90_000,
            "movielens_rating": 1.0,
            "movielens_votes": 500,
            "community_rating": 0.0,
            "community_votes": 50,
        },
        {},
    ],
)
def test_the_score_stays_within_0_and_100(ratings):
    film = make_film(**ratings)
    recompute_scores()
    assert 0 <= score_of(film) <= 100


def test_zero_votes_means_the_source_is_absent():
    film = make_film(imdb_rating=9.9, imdb_votes=0, rt_critics=40)
    recompute_scores()
    assert score_of(film) == pytest.approx(40)


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
