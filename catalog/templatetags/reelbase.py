"""Template filters for the site's design: poster hues, score bands, initials, star strings."""

from __future__ import annotations

import functools
import zlib
from urllib.parse import quote

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, get_urlconf, reverse

register = template.Library()
_ID_MARKER = "__public_id__"


@register.filter
def hue(value: object) -> int:
    """A stable 0-359 hue for generated poster and portrait art (same film, same colour)."""
    return zlib.crc32(str(value).encode()) % 360


@register.filter
def score_band(score: float | None) -> str:
    """`good`, `fair`, `poor` or `none`: the CSS class of a master-score badge."""
    if score is None:
        return "none"
    if score >= 75:
        return "good"
    return "fair" if score >= 55 else "poor"


@register.filter
def initials(name: str) -> str:
    words = [w for w in str(name).split() if w[:1].isalpha()]
    if not words:
        return "?"
    letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    return letters.upper()


@register.filter
def stars(rating: float | None) -> str:
    """A 0-10 rating as five stars with halves: 7 -> "★★★½☆"."""
    if rating is None:
        return ""
    halves = round(float(rating))
    full, half = divmod(halves, 2)
    return "★" * full + ("½" if half else "") + "☆" * (5 - full - half)


@register.filter
def compact(number: int | None) -> str:
    """1234567 -> "1.2M", 12345 -> "12K": vote counts in tight spaces."""
    if number is None:
        return ""
    n = int(number)
    for size, suffix in ((1_000_000, "M"), (1_000, "K")):
        if n >= size:
            value = n / size
            text = f"{value:.1f}".rstrip("0").rstrip(".") if value < 10 else f"{value:.0f}"
            return f"{text}{suffix}"
    return str(n)


@register.filter
def fixed(number: float | None, digits: int = 0) -> str:
    """`94.27|fixed:1` -> "94.3": floatformat without the locale machinery, for hot loops."""
    if number is None:
        return ""
    return f"{float(number):.{int(digits)}f}"


@functools.cache
def _url_pattern(name: str, urlconf: str | None, root: str) -> str:
    """The URL of `name` with a marker where the id goes: one reverse() per process."""
    try:
        return reverse(name, args=[_ID_MARKER])
    except NoReverseMatch:
        return ""


def _url_with_id(name: str, public_id: str) -> str:
    pattern = _url_pattern(name, get_urlconf(), settings.ROOT_URLCONF)
    return pattern.replace(_ID_MARKER, quote(public_id, safe="")) if pattern else ""


@register.filter
def film_url(film) -> str:
    """film.get_absolute_url() without a reverse() per card (grids show dozens)."""
    return _url_with_id("catalog:film_detail", film.public_id)


@register.filter
def person_url(person) -> str:
    """person.get_absolute_url() without a reverse() per row (filmographies run long)."""
    return _url_with_id("catalog:person_detail", person.public_id)


@register.filter
def poster_fallback_url(film) -> str:
    """The film's generated poster (/posters/<id>.svg); empty if that route is not installed."""
    return _url_with_id("catalog:poster_svg", film.public_id)
