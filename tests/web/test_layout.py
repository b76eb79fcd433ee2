import pytest
from django.test import override_settings
from django.urls import include, path

pytestmark = pytest.mark.django_db


def test_every_page_has_landmarks_a_skip_link_and_the_attributions(client, db):
    body = client.get("/").content.decode()
    assert 'href="#main"' in body and '<main id="main"' in body
    assert '<nav class="main-nav"' in body and 'role="search"' in body
    assert "CC BY-SA 4.0" in body and "MovieLens" in body


def test_the_header_links_to_films_lists_developers_and_pricing(client, db):
    body = client.get("/").content.decode()
    for href in ('href="/films/"', 'href="/lists/"', 'href="/developers/"', 'href="/pricing/"'):
        assert href in body


def test_the_account_menu_follows_the_session(client, alice):
    assert "Log in" in client.get("/").content.decode()
    client.force_login(alice)
    body = client.get("/").content.decode()
    assert "Account menu for alice" in body and 'href="/u/alice/"' in body


def test_no_asset_comes_from_another_host(client, showcase):
    body = client.get("/").content.decode()
    for tag in ('<script src="http', '<link rel="stylesheet" href="http'):
        assert tag not in body


def _boom(request):
    raise RuntimeError("boom")


urlpatterns = [path("boom/", _boom), path("", include("config.urls"))]


@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
def test_a_server_error_renders_the_500_page_in_the_site_design(client):
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    assert "The projector jammed." in response.content.decode()
