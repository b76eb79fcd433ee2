import pytest

from catalog.models import Film
from reviews.demo import seed_member_activity
from reviews.models import FilmList, Review, WatchlistEntry
from tests.factories import make_film

pytestmark = pytest.mark.django_db


def test_the_demo_grows_members_with_diaries_watchlists_and_lists():
    for n in range(40):
        make_film(title=f"Demo {n}", popularity=n)
    report = seed_member_activity(seed=3)
    assert report.members == 20 and report.reviews > 20 * 10
    assert Review.objects.filter(watched_on__isnull=False).exists()
    assert Review.objects.filter(rewatch=True).exists()
    assert WatchlistEntry.objects.count() == report.watchlist
    visibilities = set(FilmList.objects.values_list("visibility", flat=True))
    assert {"public", "private"} <= visibilities
    rated = Film.objects.filter(community_votes__gt=0)
    assert rated.exists() and all(0 <= f.community_rating <= 10 for f in rated)


def test_the_demo_is_idempotent_and_deterministic():
    for n in range(40):
        make_film(title=f"Demo {n}")
    seed_member_activity(seed=3)
    first = list(Review.objects.order_by("id").values_list("film__title", "rating", "watched_on"))
    again = seed_member_activity(seed=3)
    assert again.members == 0
    assert (
        list(Review.objects.order_by("id").values_list("film__title", "rating", "watched_on"))
        == first
    )
