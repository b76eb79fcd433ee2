import pytest

from catalog.templatetags import reelbase
from tests.factories import make_film, make_person


@pytest.mark.django_db
def test_the_fast_url_filters_agree_with_reverse():
    film = make_film(title="Ça ira", year=1999)
    person = make_person(name="Zoë Bell")
    assert reelbase.film_url(film) == film.get_absolute_url()
    assert reelbase.person_url(person) == person.get_absolute_url()
    assert reelbase.poster_fallback_url(film) == f"/posters/{film.public_id}.svg"


def test_scores_are_banded_and_formatted_without_the_locale():
    assert [reelbase.score_band(s) for s in (91, 60, 40, None)] == ["good", "fair", "poor", "none"]
    assert reelbase.fixed(94.27, 1) == "94.3" and reelbase.fixed(94.5) == "94"
    assert reelbase.fixed(None) == ""


def test_ratings_become_half_stars_and_counts_compact():
    assert reelbase.stars(7) == "★★★½☆" and reelbase.stars(10) == "★★★★★"
    assert reelbase.compact(1_234_567) == "1.2M" and reelbase.compact(12_345) == "12K"


def test_initials_and_hues_are_stable():
    assert reelbase.initials("Francis Ford Coppola") == "FC" and reelbase.initials("Cher") == "C"
    assert reelbase.hue("tt0068646") == reelbase.hue("tt0068646")
    assert 0 <= reelbase.hue("anything") < 360
