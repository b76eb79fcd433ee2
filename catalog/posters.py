"""Generated poster art: a deterministic SVG from a film's title, year and genres.

Used for the demo catalog (`/posters/<public_id>.svg`) and as fallback art for
films without a poster. The same inputs always give the same bytes, so the
response can carry a strong ETag and be cached.
"""

from __future__ import annotations

import colorsys
import hashlib
from collections.abc import Sequence
from html import escape

WIDTH, HEIGHT = 300, 450

# A base hue (degrees) and lightness per genre; the film's id nudges both.
GENRE_TONES: dict[str, tuple[int, float]] = {
    "Drama": (212, 0.32),
    "Comedy": (44, 0.55),
    "Thriller": (355, 0.25),
    "Romance": (338, 0.48),
    "Action": (18, 0.42),
    "Crime": (228, 0.22),
    "Horror": (0, 0.14),
    "Documentary": (150, 0.32),
    "Adventure": (30, 0.45),
    "Mystery": (268, 0.26),
    "Family": (190, 0.5),
    "Fantasy": (284, 0.38),
    "Science Fiction": (182, 0.3),
    "Animation": (96, 0.5),
    "History": (36, 0.34),
    "War": (78, 0.24),
    "Music": (302, 0.4),
    "Western": (24, 0.36),
    "TV Movie": (200, 0.4),
}
_DEFAULT_TONE = (220, 0.3)


def _hex(hue: float, saturation: float, lightness: float) -> str:
    r, g, b = colorsys.hls_to_rgb((hue % 360) / 360, min(max(lightness, 0), 1), saturation)
    return f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}"


def _wrap(title: str, width: int = 14, max_lines: int = 5) -> list[str]:
    lines: list[str] = []
    for word in title.split():
        if len(word) > width + 4:
            word = word[: width + 3] + "…"  # one unbreakable run would overflow the poster
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > max_lines:
        lines = lines[: max_lines - 1] + [" ".join(lines[max_lines - 1 :])[: width - 1] + "…"]
    return lines or [""]


def _pattern(kind: int, digest: bytes, ink: str) -> str:
    """One of a few abstract motifs, placed by the digest."""
    x, y = 60 + digest[4] % 180, 120 + digest[5] % 160
    if kind == 0:  # concentric rings
        return "".join(
            f'<circle cx="{x}" cy="{y}" r="{r}" fill="none" stroke="{ink}" stroke-width="6"/>'
            for r in range(30, 260, 34)
        )
    if kind == 1:  # diagonal bands
        step = 28 + digest[6] % 24
        return "".join(
            f'<path d="M{i} 0 h{step // 2} L{i + step // 2 - 450} 450 h-{step // 2}Z" '
            f'fill="{ink}"/>'
            for i in range(0, WIDTH + 450, step)
        )
    if kind == 2:  # a low sun over a horizon
        horizon = 250 + digest[7] % 90
        return (
            f'<circle cx="{x}" cy="{horizon}" r="{70 + digest[8] % 50}" fill="{ink}"/>'
            f'<rect x="0" y="{horizon}" width="{WIDTH}" height="{HEIGHT - horizon}" fill="{ink}"/>'
        )
    if kind == 3:  # dot grid
        gap = 22 + digest[9] % 14
        return "".join(
            f'<circle cx="{cx}" cy="{cy}" r="3" fill="{ink}"/>'
            for cx in range(gap // 2, WIDTH, gap)
            for cy in range(gap // 2, HEIGHT, gap)
        )
    peak = 40 + digest[10] % 220  # mountains
    return (
        f'<path d="M0 {HEIGHT} L{peak} {200 + digest[11] % 80} L{WIDTH} {HEIGHT}Z" fill="{ink}"/>'
        f'<path d="M-60 {HEIGHT} L{peak // 2} 300 L{peak + 60} {HEIGHT}Z" fill="{ink}"/>'
    )


def render_poster_svg(*, title: str, year: int | None, genres: Sequence[str], key: str) -> str:
    """The poster as an SVG document; `key` (e.g. the public id) varies the art per film."""
    digest = hashlib.blake2b(f"{key}|{title}".encode(), digest_size=16).digest()
    hue, lightness = GENRE_TONES.get(genres[0], _DEFAULT_TONE) if genres else _DEFAULT_TONE
    hue += digest[0] % 30 - 15
    lightness += (digest[1] % 10 - 5) / 100
    top = _hex(hue, 0.55, lightness + 0.1)
    bottom = _hex(hue + 25, 0.6, lightness - 0.12)
    text = "#fdf8ee" if lightness < 0.5 else "#1b1b1f"
    ink = "#ffffff" if lightness < 0.5 else "#000000"
    lines = _wrap(title)
    size = 34 if max(len(line) for line in lines) <= 10 else 26
    first_baseline = 300 - (len(lines) - 1) * size * 1.15 / 2
    title_lines = "".join(
        f'<tspan x="150" y="{first_baseline + i * size * 1.15:.0f}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    label = escape(f"{title} ({year})" if year else title)
    # Ids are document-wide: posters inlined side by side in one page must not share one.
    gradient = f"poster-bg-{digest[:6].hex()}"
    genre_line = escape(" · ".join(genres[:3]).upper())
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="{label}">'
        f"<title>{label}</title>"
        f'<defs><linearGradient id="{gradient}" x1="0" y1="0" x2="0" y2="1">'
        f'<stop offset="0" stop-color="{top}"/><stop offset="1" stop-color="{bottom}"/>'
        f"</linearGradient></defs>"
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="url(#{gradient})"/>'
        f'<g opacity="0.14">{_pattern(digest[2] % 5, digest, ink)}</g>'
        f'<text x="150" y="40" fill="{text}" font-family="Helvetica, Arial, sans-serif" '
        f'font-size="11" letter-spacing="2" text-anchor="middle">{genre_line}</text>'
        f'<text fill="{text}" font-family="Georgia, \'Times New Roman\', serif" '
        f'font-size="{size}" font-weight="bold" text-anchor="middle">{title_lines}</text>'
        f'<text x="150" y="420" fill="{text}" font-family="Helvetica, Arial, sans-serif" '
        f'font-size="16" letter-spacing="4" text-anchor="middle">{year or ""}</text>'
        f"</svg>"
    )
