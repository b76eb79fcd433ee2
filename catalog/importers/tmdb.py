"""TMDB movie details (`/movie/{id}?append_to_response=credits,keywords`): JSON or NDJSON."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from catalog.importers import vocab
from catalog.importers.records import (
    CompanyRef,
    CreditSpec,
    FilmRecord,
    Location,
    PersonRef,
    RowError,
)
from catalog.importers.sources import TextSource, parse_json_records
from catalog.importers.writer import FilmWriter
from catalog.models import Film

SOURCE = "tmdb"
IMAGE_BASE = "https://image.tmdb.org/t/p/"
_STATUSES = {label.lower(): value for value, label in Film.Status.choices}


def writer() -> FilmWriter:
    return FilmWriter(source=SOURCE, source_field="tmdb_id")


def parse(source: TextSource, name: str) -> Iterator[FilmRecord | RowError]:
    return parse_json_records(source, name, film_record)


def film_record(entry: Any, location: Location) -> FilmRecord:
    if not isinstance(entry, dict):
        raise ValueError(f"expected an object, got {type(entry).__name__}")
    tmdb_id = entry.get("id")
    if not isinstance(tmdb_id, int) or isinstance(tmdb_id, bool) or tmdb_id <= 0:
        raise ValueError(f"bad id {tmdb_id!r}")
    title = _text(entry.get("title"))
    if not title:
        raise ValueError("missing title")
    release = _date(entry.get("release_date"))
    imdb_id = _text(entry.get("imdb_id")) or _text((entry.get("external_ids") or {}).get("imdb_id"))
    original = _text(entry.get("original_title"))
    keywords = entry.get("keywords") or {}
    return FilmRecord(
        location=location,
        key=tmdb_id,
        title=title,
        year=release.year if release else None,
        ids={"tmdb_id": tmdb_id, **({"imdb_id": imdb_id} if imdb_id.startswith("tt") else {})},
        values=_values(entry, release),
        fill={"original_title": original[:300] if original != title else ""},
        overview=_text(entry.get("overview")),
        alt_titles=[original] if original and original != title else [],
        genres=vocab.unique(
            vocab.canonical_genre(_text(g.get("name"))) for g in _dicts(entry, "genres")
        ),
        keywords=vocab.unique(
            vocab.canonical_keyword(_text(k.get("name")))
            for k in _dicts(keywords, "keywords") + _dicts(keywords, "results")
        ),
        companies=[
            CompanyRef(
                name=_text(c.get("name"))[:255],
                tmdb_id=c.get("id") if isinstance(c.get("id"), int) else None,
                origin_country=_text(c.get("origin_country")),
            )
            for c in _dicts(entry, "production_companies")
            if _text(c.get("name"))
        ],
        countries=[
            (_text(c.get("iso_3166_1")).upper(), _text(c.get("name"))[:100])
            for c in _dicts(entry, "production_countries")
            if len(_text(c.get("iso_3166_1"))) == 2
        ],
        languages=[
            (
                _text(lang.get("iso_639_1")).lower(),
                _text(lang.get("english_name") or lang.get("name"))[:100],
            )
            for lang in _dicts(entry, "spoken_languages")
            if 2 <= len(_text(lang.get("iso_639_1"))) <= 3
        ],
        credits=_credits(entry.get("credits") or {}),
        credits_authoritative=True,
    )


def _values(entry: dict, release: dt.date | None) -> dict[str, Any]:
    values: dict[str, Any] = {
        "release_date": release,
        "tagline": _text(entry.get("tagline"))[:500],
        "original_language": _text(entry.get("original_language"))[:3],
        "runtime": _positive(entry.get("runtime"), limit=32767),
        "budget": _positive(entry.get("budget")),
        "revenue": _positive(entry.get("revenue")),
        "homepage": _text(entry.get("homepage"))[:500],
        "tmdb_rating": _number(entry.get("vote_average")),
        "tmdb_votes": _positive(entry.get("vote_count")) or 0,
        "popularity": _number(entry.get("popularity")) or 0.0,
    }
    if status := _STATUSES.get(_text(entry.get("status")).lower()):
        values["status"] = status
    if poster := _text(entry.get("poster_path")):
        values["poster_url"] = f"{IMAGE_BASE}w500{poster}"
    if backdrop := _text(entry.get("backdrop_path")):
        values["backdrop_url"] = f"{IMAGE_BASE}w1280{backdrop}"
    return values


def _credits(credits: dict) -> list[CreditSpec]:
    specs = []
    for member in _dicts(credits, "cast"):
        if person := _person(member):
            specs.append(
                CreditSpec(
                    person=person,
                    character=_text(member.get("character")),
                    order=_positive(member.get("order"), limit=32767) or 0,
                )
            )
    for order, member in enumerate(_dicts(credits, "crew")):
        if (person := _person(member)) and _text(member.get("job")):
            specs.append(
                CreditSpec(
                    person=person,
                    kind="crew",
                    department=_text(member.get("department")) or "Crew",
                    job=_text(member.get("job")),
                    order=order,
                )
            )
    return specs


def _person(member: dict) -> PersonRef | None:
    name = _text(member.get("name"))
    person_id = member.get("id")
    if not name or not isinstance(person_id, int):
        return None
    profile = _text(member.get("profile_path"))
    return PersonRef(
        name=name[:200],
        ids={"tmdb_id": person_id},
        fill={
            "profile_url": f"{IMAGE_BASE}w185{profile}" if profile else "",
            "known_for_department": _text(member.get("known_for_department"))[:40],
        },
    )


def _dicts(container: Any, key: str) -> list[dict]:
    value = container.get(key) if isinstance(container, dict) else None
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError(f"{key} is not a list")
    return [item for item in value if isinstance(item, dict)]


def _text(value: Any) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _date(value: Any) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"bad release_date {value!r}") from None


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _positive(value: Any, *, limit: int | None = None) -> int | None:
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        return None
    return min(value, limit) if limit else value
