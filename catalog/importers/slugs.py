"""Unique slugs for new rows: `the-godfather-1972`, then `-2`, `-3` for later namesakes."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import models

from catalog.text import film_slug, person_slug


def assign_unique_slugs(model: type[models.Model], objects: Sequence[models.Model]) -> None:
    """Give each new object a slug no row (and no other object here) has.

    Deterministic: objects are served in the order given, each taking the smallest
    free suffix, so the same import into the same catalog gives the same slugs.
    Costs one query, plus one per base slug that is already taken.
    """
    bases = [_base_slug(obj) for obj in objects]
    taken = set(model.objects.filter(slug__in=set(bases)).values_list("slug", flat=True))
    used: set[str] = set()
    namesakes: dict[str, set[str]] = {}
    for obj, base in zip(objects, bases, strict=True):
        if base not in taken and base not in used:
            obj.slug = base
        else:
            if base not in namesakes:
                namesakes[base] = set(
                    model.objects.filter(slug__startswith=f"{base}-").values_list("slug", flat=True)
                )
            obj.slug = _first_free(base, namesakes[base] | used | taken)
        used.add(obj.slug)


def _base_slug(obj: models.Model) -> str:
    if hasattr(obj, "year"):
        return film_slug(obj.title, obj.year)
    return person_slug(obj.name)


def _first_free(base: str, taken: set[str]) -> str:
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"
