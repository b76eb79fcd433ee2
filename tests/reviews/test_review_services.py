import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError

from catalog.models import Film
from catalog.scoring import recompute_scores
from reviews.models import Review
from reviews.services import (
    ReviewConflict,
    rebuild_community_ratings,
    review_create,
    review_delete,
    review_update,
    scores_refreshed_once,
)
from tests.factories import make_film

pytestmark = pytest.mark.django_db


def test_it_creates_a_review_with_tags_in_order(alice):
    film = make_film()
    outcome = review_create(
        user=alice,
        film=film,
        rating=8.5,
        text="Great",
        watched_on="2024-01-02",
        rewatch=True,
        tags=["noir", " Cinema ", "noir"],
    )
    assert outcome.deduplicated is False
    review = outcome.review
    assert review.rating == Decimal("8.5")
    assert review.watched_on == dt.date(2024, 1, 2)
    assert review.rewatch is True
    assert review.tag_names == ["noir", "Cinema"]


def test_an_identical_review_is_returned_not_copied(alice):
    film = make_film()
    first = review_create(user=alice, film=film, rating=7, text="Fine", watched_on="2024-01-02")
    again = review_create(
        user=alice, film=film, rating="7.0", text="Fine ", watched_on="2024-01-02"
    )
    assert again.deduplicated is True
    assert again.review.pk == first.review.pk
    assert Review.objects.count() == 1


def test_a_different_watched_date_is_a_new_diary_entry(alice):
    film = make_film()
    review_create(user=alice, film=film, rating=7, watched_on="2024-01-02")
    outcome = review_create(user=alice, film=film, rating=7, watched_on="2024-02-02", rewatch=True)
    assert outcome.deduplicated is False
    assert Review.objects.filter(user=alice).count() == 2


def test_the_same_review_by_two_members_is_two_reviews(alice, bob):
    film = make_film()
    review_create(user=alice, film=film, rating=7)
    assert review_create(user=bob, film=film, rating=7).deduplicated is False


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"rating": 10.5}, "rating"),
        ({"rating": -1}, "rating"),
        ({"rating": 7.3}, "rating"),
        ({"rating": "abc"}, "rating"),
        ({"rating": True}, "rating"),
        ({"text": "x" * 10_001}, "text"),
        ({"watched_on": "2026-11-23"}, "watched_date"),
        ({"watched_on": "22/11/2026"}, "watched_date"),
        ({"tags": [f"t{i}" for i in range(21)]}, "tags"),
        ({"tags": ["x" * 65]}, "tags"),
        ({"tags": "noir"}, "tags"),
        ({"tags": ["a,b"]}, "tags"),
    ],
)
@time_machine.travel(dt.datetime(2026, 11, 22, 12, tzinfo=dt.UTC))
def test_it_rejects_invalid_input_and_writes_nothing(alice, fields, field):
    film = make_film()
    with pytest.raises(ValidationError) as error:
        review_create(user=alice, film=film, **fields)
    assert field in error.value.message_dict
    assert not Review.objects.exists()


def test_the_boundaries_are_accepted(alice):
    film = make_film()
    review = review_create(
        user=alice,
        film=film,
        rating=0,
        text="x" * 10_000,
        watched_on=dt.date.today(),
        tags=[f"{i:064d}" for i in range(20)],
    ).review
    assert review.rating == 0 and len(review.tag_names) == 20


def test_ratings_move_the_community_score_incrementally(alice, bob):
    film = make_film()
    first = review_create(user=alice, film=film, rating=8).review
    review_create(user=bob, film=film, rating=6)
    review_create(user=bob, film=film, text="no rating")
    film.refresh_from_db()
    assert (film.community_rating, film.community_votes) == (7.0, 2)
    assert film.master_score is not None

    review_update(review=first, rating=10)
    film.refresh_from_db()
    assert (film.community_rating, film.community_votes) == (8.0, 2)

    review_delete(review=first)
    film.refresh_from_db()
    assert (film.community_rating, film.community_votes) == (6.0, 1)


def test_the_rebuild_agrees_with_the_increments(alice, bob):
    film = make_film()
    review_create(user=alice, film=film, rating=8)
    review_create(user=bob, film=film, rating=5.5)
    film.refresh_from_db()
    incremental = (film.community_rating, film.community_votes)
    Film.objects.filter(pk=film.pk).update(community_rating=None, community_votes=0)
    assert rebuild_community_ratings() == 1
    recompute_scores()
    film.refresh_from_db()
    assert (film.community_rating, film.community_votes) == incremental


def test_an_edit_that_would_duplicate_another_review_is_a_conflict(alice):
    film = make_film()
    review_create(user=alice, film=film, rating=8)
    other = review_create(user=alice, film=film, rating=6).review
    with pytest.raises(ReviewConflict):
        review_update(review=other, rating=8)
    other.refresh_from_db()
    assert other.rating == 6


def test_deferred_score_refreshes_end_where_immediate_ones_do(alice, bob):
    one, two = make_film(), make_film()
    review_create(user=bob, film=one, rating=9)
    one.refresh_from_db()
    immediate = one.master_score
    with scores_refreshed_once():
        review_create(user=alice, film=two, rating=9)
        two.refresh_from_db()
        assert two.master_score is None  # not yet: refreshed once, at the end
    two.refresh_from_db()
    assert two.master_score == pytest.approx(immediate)
