"""Journey (a): an anonymous visitor finds a film, browses with filters, follows the credits."""

import re

import pytest

from tests.web.showcase_data import build_showcase_catalog

pytestmark = [
    pytest.mark.browser,
    # serialized_rollback: the plans come from a data migration, which a flush would remove.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_anonymous_visitor(journey):
    build_showcase_catalog()
    page = journey.page

    journey.go("/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("A century of cinema")
    # The first Tab reaches the skip link, which then shows on screen with a focus ring.
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.bounding_box()["y"] >= 0
    assert skip.evaluate("el => getComputedStyle(el).outlineStyle") == "solid"
    journey.snap("home")

    # Search with autocomplete, by keyboard: type, arrow down to the first film, Enter.
    search = page.locator("#site-search")
    search.click()
    search.press_sequentially("godf", delay=40)
    options = page.locator("#site-search-list [role=option]")
    options.first.wait_for()
    assert search.get_attribute("aria-expanded") == "true"
    assert options.first.inner_text().startswith("The Godfather")
    search.press("ArrowDown")
    assert search.get_attribute("aria-activedescendant") == "site-search-list-0"
    journey.snap("autocomplete")
    assert search.get_attribute("aria-expanded") == "true"
    search.press("Enter")
    page.wait_for_url(re.compile(r"/films/tt0068646/$"))
    assert "Vito Corleone" in page.content()
    journey.snap("film-from-search")

    # Browse with two filters, without typing a URL.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Films").click()
    page.wait_for_url(re.compile(r"/films/$"))
    page.get_by_label("Genre").select_option("drama")
    page.get_by_label("Decade").select_option("1970s")
    page.get_by_role("button", name="Show films").click()
    page.wait_for_url(re.compile(r"/films/\?genre=drama&decade=1970s&sort="))
    cards = page.locator(".film-grid .film-card-title")
    assert cards.all_inner_texts() == [
        "The Godfather",
        "The Godfather Part II",
        "Apocalypse Now",
        "The Conversation",
        "Taxi Driver",
    ]
    assert page.get_by_role("link", name="Remove filter Genre Drama").is_visible()
    journey.snap("browse-two-filters")

    # Film page, then a cast member's page.
    page.get_by_role("link", name="Apocalypse Now").first.click()
    page.wait_for_url(re.compile(r"/films/apocalypse-now-1979/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Apocalypse Now (1979)"
    journey.snap("film")
    page.get_by_role("link", name="Martin Sheen").click()
    page.wait_for_url(re.compile(r"/people/martin-sheen/$"))
    assert page.get_by_role("heading", name="Acting").is_visible()
    assert "as Captain Willard" in page.content()
    journey.snap("person")

    # A mistyped address lands on the 404 page, in the same design, with a search box.
    with journey.expecting(r"tt0000000|status of 404"):
        journey.go("/films/tt0000000/")
        assert page.get_by_role("heading", level=1).inner_text() == "This reel is missing."
        assert page.locator("#notfound-search").is_visible()
        journey.snap("not-found")
