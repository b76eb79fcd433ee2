"""Wikipedia movie data: JSON arrays (plain or gzipped) of `{title, year, cast, genres, href}`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from catalog.importers import vocab
from catalog.importers.records import CreditSpec, FilmRecord, Location, PersonRef, RowError
from catalog.importers.sources import TextSource, parse_json_records
from catalog.importers.writer import FilmWriter
from catalog.text import normalise_title

SOURCE = "wikipedia"


def writer() -> FilmWriter:
    return FilmWriter(source=SOURCE, source_field="wikipedia_title")


def parse(source: TextSource, name: str) -> Iterator[FilmRecord | RowError]:
    return parse_json_records(source, name, film_record)


def film_record(entry: Any, location: Location) -> FilmRecord:
    if not isinstance(entry, dict):
        raise ValueError(f"expected an object, got {type(entry).__name__}")
    title = _title(entry.get("title"))
    if not title:
        raise ValueError("missing title")
    year = _year(entry.get("year"))
    href = _text(entry.get("href")) or None
    if href and len(href) > 255:
        href = None
    cast = vocab.unique(_text(name)[:200] for name in _list(entry.get("cast"), "cast"))
    record = FilmRecord(
        location=location,
        # Same title, year and article = the same film listed twice; same title and
        # year with different articles = two films.
        key=(normalise_title(title), year, href),
        title=title,
        year=year,
        ids={"wikipedia_title": href} if href else {},
        fill={"poster_url": _text(entry.get("thumbnail"))[:500]},
        overview=_text(entry.get("extract")),
        genres=vocab.unique(
            vocab.canonical_genre(_text(g)) for g in _list(entry.get("genres"), "genres")
        ),
        credits=[
            CreditSpec(person=PersonRef(name=name), order=order) for order, name in enumerate(cast)
        ],
    )
    return record


# Some titles carry the CSS of a Wikipedia fraction template: "Naked Gun .mw-parser-output
# .frac{...}...33+1⁄3: The Final Insult".
_TEMPLATE_CSS = re.compile(r"\.mw-parser-output[^{}]*\{[^{}]*\}")


def _title(value: Any) -> str:
    return _text(_TEMPLATE_CSS.sub("", value) if isinstance(value, str) else value)


def _text(value: Any) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _list(value: Any, field: str) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError(f"{field} is not a list")
    return value


def _year(value: Any) -> int:
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool) or not 1850 <= value <= 2100:
        raise ValueError(f"bad year {value!r}")
    return value
