"""Resolve quality on the real datasets: MovieLens titles (trailing articles, "a.k.a."
asides, the year in the title) resolve to the same films loaded from Wikipedia."""

import csv
import gzip
import json
import random

import pytest

from catalog.models import Film
from catalog.resolver import best_match, resolve_title
from catalog.text import normalise_title

pytestmark = [pytest.mark.django_db, pytest.mark.slow]
SAMPLE = 400
TYPOS = 150


def load_wikipedia(path) -> dict[tuple[str, int], int]:
    """Every Wikipedia film as a catalog Film; returns (key, year) -> id for unique keys."""
    films, slugs = [], set()
    for file in sorted((path / "wikipedia-movies").glob("movies-*.json.gz")):
        for row in json.loads(gzip.decompress(file.read_bytes())):
            title = (row.get("title") or "").strip()[:300]
            if not title or not row.get("year"):
                continue
            film = Film(title=title, year=row["year"])
            film.fill_derived_fields()
            slug, n = film.slug, 1
            while slug in slugs:
                n += 1
                slug = f"{film.slug}-{n}"
            film.slug = film.public_id = slug
            slugs.add(slug)
            films.append(film)
    Film.objects.bulk_create(films, batch_size=2000)
    seen: dict[tuple[str, int], list[int]] = {}
    for pk, norm, year in Film.objects.values_list("id", "norm_title", "year"):
        seen.setdefault((norm, year), []).append(pk)
    return {key: ids[0] for key, ids in seen.items() if len(ids) == 1}


def movielens_pairs(path, unique) -> list[tuple[str, int]]:
    """(MovieLens title as written, expected film id) where the truth is unambiguous."""
    pairs = []
    with open(path / "movielens-small" / "movies.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            raw = row["title"].strip()
            if not raw.endswith(")") or not raw[-5:-1].isdigit():
                continue
            title, year = raw[:-6].strip(), int(raw[-5:-1])
            expected = unique.get((normalise_title(title), year))
            if expected:
                pairs.append((raw, expected))
    return pairs


def typo(title: str, rng: random.Random) -> str:
    """Drop one letter from the title's longest word (a realistic slip)."""
    words = title.split()
    i = max(range(len(words)), key=lambda k: len(words[k]))
    word = words[i]
    if len(word) < 5:
        return title
    cut = rng.randrange(1, len(word) - 1)
    words[i] = word[:cut] + word[cut + 1 :]
    return " ".join(words)


def test_movielens_titles_resolve_to_their_wikipedia_films(shared_data):
    unique = load_wikipedia(shared_data)
    pairs = movielens_pairs(shared_data, unique)
    assert len(pairs) > 4000  # the README's ~5,800 matches, minus ambiguous duplicates
    sample = random.Random(7).sample(pairs, SAMPLE)

    exact = sum(
        (m := best_match(resolve_title(raw))) is not None and m.film.pk == expected
        for raw, expected in sample
    )
    assert exact / SAMPLE >= 0.97, exact

    rng = random.Random(11)
    slipped = 0
    for raw, expected in sample[:TYPOS]:
        title, year = raw[:-6].strip(), int(raw[-5:-1])
        match = best_match(resolve_title(typo(title, rng), year=year))
        slipped += match is not None and match.film.pk == expected
    assert slipped / TYPOS >= 0.80, slipped
