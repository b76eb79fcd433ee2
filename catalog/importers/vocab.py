"""Genres, keywords, companies, countries and languages: found or created in bulk per batch."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.text import slugify

from catalog.models import Company, Country, Genre, Keyword, Language
from catalog.text import strip_accents

# Sources name some genres differently; these land on TMDB's names so filters see one genre.
_GENRE_SYNONYMS = {
    "sci-fi": "Science Fiction",
    "science-fiction": "Science Fiction",
    "film-noir": "Noir",
    "film noir": "Noir",
    "animated": "Animation",
    "children": "Family",
    "children's": "Family",
    "sport": "Sports",
    "historical": "History",
}
# Not genres: a projection format and MovieLens's placeholder.
_NOT_GENRES = {"imax", "(no genres listed)", ""}


def canonical_genre(name: str) -> str | None:
    """`science fiction`, `Sci-Fi` -> `Science Fiction`; `(no genres listed)` -> None."""
    text = " ".join(name.split())
    lowered = text.lower()
    if lowered in _NOT_GENRES:
        return None
    if lowered in _GENRE_SYNONYMS:
        return _GENRE_SYNONYMS[lowered]
    # Mixed-case duplicates ("drama", "DRAMA") collapse to one title-cased name.
    if text.islower() or text.isupper():
        return text.title()
    return text[0].upper() + text[1:]


def canonical_keyword(tag: str) -> str | None:
    text = " ".join(tag.split()).lower()
    return text[:255] or None


def unique(items: Iterable[str | None]) -> list[str]:
    return list(dict.fromkeys(item for item in items if item))


def genre_ids(names: Iterable[str]) -> dict[str, int]:
    """Genre name -> id, creating the missing ones; by slug, so case never forks a genre."""
    by_slug = {_genre_slug(name): name for name in names}
    if not by_slug:
        return {}
    found = dict(Genre.objects.filter(slug__in=by_slug).values_list("slug", "id"))
    missing = [Genre(name=by_slug[slug], slug=slug) for slug in by_slug if slug not in found]
    if missing:
        Genre.objects.bulk_create(missing, ignore_conflicts=True)
        found = dict(Genre.objects.filter(slug__in=by_slug).values_list("slug", "id"))
    return {name: found[slug] for slug, name in by_slug.items()}


def _genre_slug(name: str) -> str:
    return slugify(strip_accents(name))[:64] or "genre"


def named_ids(model, names: Iterable[str]) -> dict[str, int]:
    """Keyword (or any model with a unique `name`) name -> id, creating the missing ones."""
    wanted = set(names)
    if not wanted:
        return {}
    found = dict(model.objects.filter(name__in=wanted).values_list("name", "id"))
    missing = [model(name=name) for name in sorted(wanted - found.keys())]
    if missing:
        model.objects.bulk_create(missing, ignore_conflicts=True)
        found = dict(model.objects.filter(name__in=wanted).values_list("name", "id"))
    return found


def keyword_ids(names: Iterable[str]) -> dict[str, int]:
    return named_ids(Keyword, names)


def company_ids(refs: Iterable) -> dict[tuple[int | None, str], int]:
    """(tmdb_id, name) -> Company id: by TMDB id first, then by name."""
    refs = {(ref.tmdb_id, ref.name): ref for ref in refs}
    if not refs:
        return {}
    tmdb_ids = {tmdb_id for tmdb_id, _ in refs if tmdb_id is not None}
    names = {name for _, name in refs}
    by_tmdb = dict(Company.objects.filter(tmdb_id__in=tmdb_ids).values_list("tmdb_id", "id"))
    by_name = dict(Company.objects.filter(name__in=names).values_list("name", "id"))
    result: dict[tuple[int | None, str], int] = {}
    missing: dict[str, Company] = {}
    for (tmdb_id, name), ref in refs.items():
        pk = by_tmdb.get(tmdb_id) or by_name.get(name)
        if pk is not None:
            result[(tmdb_id, name)] = pk
        elif name not in missing:
            missing[name] = Company(
                name=name, tmdb_id=tmdb_id, origin_country=(ref.origin_country or "")[:2]
            )
    if missing:
        Company.objects.bulk_create(missing.values(), ignore_conflicts=True)
        by_name = dict(Company.objects.filter(name__in=names).values_list("name", "id"))
        for key in refs:
            result.setdefault(key, by_name[key[1]])
    return result


def coded_ids(model, pairs: Iterable[tuple[str, str]]) -> set[str]:
    """Countries and languages are keyed by ISO code: make sure each one exists."""
    wanted = dict(pairs)
    if not wanted:
        return set()
    existing = set(model.objects.filter(code__in=wanted).values_list("code", flat=True))
    missing = [
        model(code=code, name=name or code) for code, name in wanted.items() if code not in existing
    ]
    if missing:
        model.objects.bulk_create(missing, ignore_conflicts=True)
    return set(wanted)


def country_codes(pairs: Iterable[tuple[str, str]]) -> set[str]:
    return coded_ids(Country, pairs)


def language_codes(pairs: Iterable[tuple[str, str]]) -> set[str]:
    return coded_ids(Language, pairs)
