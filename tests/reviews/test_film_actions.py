import pytest
from django.template import Context, Template
from django.test import RequestFactory

from reviews import services
from tests.factories import make_film

pytestmark = pytest.mark.django_db


def render_panel(user, film) -> str:
    request = RequestFactory().get(film.get_absolute_url())
    request.user = user
    template = Template('{% include "reviews/includes/film_actions.html" %}')
    return template.render(Context({"film": film, "request": request, "user": user}))


def test_a_visitor_is_asked_to_log_in(django_user_model):
    from django.contrib.auth.models import AnonymousUser

    html = render_panel(AnonymousUser(), make_film(title="Alien"))
    assert "Log in" in html and "/log/" not in html


def test_a_member_sees_their_state_and_every_action(alice):
    film = make_film(title="Alien")
    services.watchlist_add(user=alice, film=film)
    services.list_create(user=alice, name="Sci-fi")
    services.review_create(user=alice, film=film, rating=9, text="Perfect", watched_on="2024-01-01")
    html = render_panel(alice, film)
    assert "On your watchlist" in html and "♡ Like" in html and "Favourite" in html
    assert f"/films/{film.public_id}/log/" in html and "Sci-fi" in html
    assert "Your logs of this film" in html and "Perfect" in html


def test_the_film_page_shows_the_panel(alice_client, alice):
    film = make_film(title="Alien")
    body = alice_client.get(film.get_absolute_url()).content.decode()
    assert f"/films/{film.public_id}/log/" in body
    assert f"/films/{film.public_id}/watchlist/" in body
