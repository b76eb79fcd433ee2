"""Title and name normalisation shared by importers, merging and the resolver."""

from __future__ import annotations

import re
import unicodedata

from django.utils.text import slugify

_ARTICLES = ("the", "a", "an", "le", "la", "les", "l", "el", "il", "der", "die", "das")
# "Godfather, The" -> "The Godfather" (MovieLens and Letterboxd-style trailing articles).
_TRAILING_ARTICLE = re.compile(
    r"^(?P<rest>.+?),\s*(?P<article>the|a|an|les?|la|l'|el|il|die|der|das)$", re.IGNORECASE
)
_NON_WORD = re.compile(r"[^\w]+")


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def restore_trailing_article(title: str) -> str:
    """`Godfather, The` -> `The Godfather`; titles without a trailing article are unchanged."""
    match = _TRAILING_ARTICLE.match(title.strip())
    if not match:
        return title.strip()
    article = match.group("article")
    joiner = "" if article.endswith("'") else " "
    return f"{article}{joiner}{match.group('rest')}"


def normalise_title(title: str, *, strip_articles: bool = True) -> str:
    """A comparison key: lower case, no accents or punctuation, no leading article.

    "The Godfather", "Godfather, The" and "godfather" all give "godfather".
    """
    text = strip_accents(restore_trailing_article(title)).lower().replace("&", " and ")
    words = _NON_WORD.sub(" ", text).split()
    if strip_articles and len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    return " ".join(words)[:300]


def film_slug(title: str, year: int | None) -> str:
    base = slugify(strip_accents(title))[:120] or "film"
    return f"{base}-{year}" if year else base


def person_slug(name: str) -> str:
    return slugify(strip_accents(name))[:130] or "person"
