"""Template filters for the site's design: poster hues, score bands, initials, star strings."""

from __future__ import annotations

import zlib

from django import template

register = template.Library()


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
