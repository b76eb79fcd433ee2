"""Browser journeys: Playwright for Python driving Debian's Chromium against live_server.

Every page a journey visits is screenshotted at desktop and mobile widths under
var/screenshots/<journey>/, and the journey fails on a console error, an uncaught page
error, a failed or off-host request, or horizontal overflow at either width.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = Path(os.environ.get("REELBASE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1440, "height": 900}
MOBILE = {"width": 360, "height": 780}
SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between browser steps are ordinary synchronous code, so Django's async guard is lifted.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


# The innermost elements sticking out past the right edge: what to fix when a page overflows.
_WIDEST_ELEMENTS = """() => {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll("body *")]
    .filter((el) => el.getBoundingClientRect().right > width + 0.5)
    .filter((el) => ![...el.children].some((c) => c.getBoundingClientRect().right > width + 0.5))
    .slice(0, 5)
    .map((el) => `${el.tagName.toLowerCase()}.${el.getAttribute("class") || ""}`);
}"""


def _browser_missing_reason() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (pip install -e '.[dev]')"
    if not CHROMIUM.exists():
        return f"no Chromium at {CHROMIUM} (apt-get install chromium chromium-driver)"
    return None


@pytest.fixture(scope="session")
def browser():
    reason = _browser_missing_reason()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests cannot run in CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


class Journey:
    """One visitor's tab, with the checks every step must pass."""

    def __init__(self, page, base_url: str, name: str) -> None:
        self.page = page
        self.base_url = base_url
        self.folder = SCREENSHOTS / name
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        self.problems: list[str] = []
        self.allowed: list[re.Pattern] = []
        self.shots = 0
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        page.on("requestfailed", self._on_request_failed)
        page.on("response", self._on_response)
        # Nothing may come from another host: such a request is refused and reported.
        page.route(re.compile(r"^(?!" + re.escape(base_url) + ").*"), self._refuse_off_host)

    def _is_allowed(self, text: str) -> bool:
        return any(pattern.search(text) for pattern in self.allowed)

    def _on_console(self, message) -> None:
        if message.type == "error" and not self._is_allowed(
            f"{message.text} {message.location.get('url', '')}"
        ):
            self.problems.append(f"console error on {self.page.url}: {message.text}")

    def _on_request_failed(self, request) -> None:
        # ERR_ABORTED is the browser dropping a request because the page navigated away
        # (a favicon still loading when a form posts), not a failure of the site.
        if request.failure == "net::ERR_ABORTED":
            return
        if not self._is_allowed(request.url):
            self.problems.append(f"request failed: {request.url} ({request.failure})")

    def _on_response(self, response) -> None:
        if response.status >= 400 and not self._is_allowed(response.url):
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def _refuse_off_host(self, route) -> None:
        self.problems.append(f"request to another host: {route.request.url}")
        route.abort()

    @contextmanager
    def expecting(self, pattern: str) -> Iterator[None]:
        """Within the block, errors whose URL or text match `pattern` are the point."""
        compiled = re.compile(pattern)
        self.allowed.append(compiled)
        try:
            yield
        finally:
            self.allowed.remove(compiled)

    def go(self, path: str) -> None:
        self.page.goto(self.base_url + path)

    def snap(self, step: str) -> None:
        """Screenshots at both widths, checking for horizontal overflow at each."""
        self.page.wait_for_load_state("networkidle")
        self.shots += 1
        for label, viewport in (("mobile", MOBILE), ("desktop", DESKTOP)):
            self.page.set_viewport_size(viewport)
            overflow = self.page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            if overflow > 0:
                culprits = self.page.evaluate(_WIDEST_ELEMENTS)
                self.problems.append(
                    f"{step}: {overflow}px horizontal overflow at {label}, from {culprits}"
                )
            # From the top, so the sticky header sits where a visitor sees it.
            self.page.evaluate("window.scrollTo(0, 0)")
            path = self.folder / f"{self.shots:02}-{step}-{label}.png"
            self.page.screenshot(path=str(path), full_page=True)
        self.check()

    def check(self) -> None:
        problems, self.problems = self.problems, []
        assert not problems, "\n".join(problems)


@pytest.fixture
def journey(browser, live_server, request) -> Iterator[Journey]:
    context = browser.new_context(viewport=DESKTOP, locale="en-GB", timezone_id="UTC")
    context.set_default_timeout(20_000)  # a shared 2-core CI machine can be slow
    page = context.new_page()
    name = request.node.name.removeprefix("test_")
    trip = Journey(page, live_server.url, name)
    yield trip
    # Let the live server finish every request before the database is flushed: with SQLite
    # in memory it shares one connection with this thread.
    page.wait_for_load_state("networkidle")
    context.close()
    trip.check()
