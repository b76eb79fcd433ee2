"""Journey (b): a new member rates and reviews a film, keeps a watchlist, ranks a list."""

import re

import pytest

from tests.web.showcase_data import build_showcase_catalog

pytestmark = [
    pytest.mark.browser,
    # serialized_rollback: the plans come from a data migration, which a flush would remove.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_member(journey):
    build_showcase_catalog()
    page = journey.page

    journey.go("/accounts/signup/")
    journey.snap("signup")
    page.get_by_label("Username").fill("maya")
    page.get_by_label("Email").fill("maya@example.com")
    page.get_by_label("Password", exact=True).fill("popcorn and long titles 7")
    page.get_by_label("Password confirmation").fill("popcorn and long titles 7")
    page.get_by_role("button", name=re.compile("Sign up|Create")).click()
    page.wait_for_load_state()
    assert "Welcome to Reelbase, maya." in page.content()

    # Rate and review, by keyboard-usable form controls on the film page.
    journey.go("/films/tt0068646/")
    page.get_by_label("Rating", exact=True).select_option("9.5")
    page.get_by_label("Review", exact=True).fill("Every frame a painting, every scene a sentence.")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_load_state()
    assert "Every frame a painting" in page.content()
    journey.snap("reviewed")

    page.get_by_role("button", name="+ Watchlist").click()
    page.wait_for_load_state()
    assert page.get_by_role("button", name="✓ On your watchlist").is_visible()
    journey.go("/watchlist/")
    assert page.get_by_role("link", name="The Godfather", exact=True).first.is_visible()
    journey.snap("watchlist")

    # A ranked list of three films, then move the third up to second.
    journey.go("/lists/new/")
    page.get_by_label("Name").fill("Coppola, ranked")
    page.get_by_label("Ranked").check()
    page.get_by_role("button", name=re.compile("Create|Save")).click()
    page.wait_for_load_state()
    for film in ("tt0068646", "The Conversation 1974", "Apocalypse Now 1979"):
        page.get_by_label("Add a film").fill(film)
        page.get_by_role("button", name="Add", exact=True).click()
        page.wait_for_load_state()
    journey.snap("list-built")
    page.get_by_role("button", name="Move Apocalypse Now up").click()
    page.wait_for_load_state()
    order = page.locator(".edit-position + *").all_inner_texts()
    assert [text.split("\n")[0] for text in order][:3] == [
        "The Godfather 1972",
        "Apocalypse Now 1979",
        "The Conversation 1974",
    ]
    journey.snap("list-reordered")

    # The account menu opens from the keyboard and closes on Escape.
    menu = page.get_by_label("Account menu for maya")
    menu.focus()
    page.keyboard.press("Enter")
    assert page.get_by_role("link", name="Your lists").is_visible()
    page.keyboard.press("Escape")
    assert not page.get_by_role("link", name="Your lists").is_visible()

    journey.go("/u/maya/")
    assert page.get_by_text("Coppola, ranked").first.is_visible()
    journey.snap("profile")
