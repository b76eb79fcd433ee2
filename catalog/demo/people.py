"""Rows of the synthetic people, one department pool after another (see generator.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from catalog.demo import distributions as dist
from catalog.demo import words
from catalog.demo.generator import STAR_STRIDE, CatalogPlan, Pool, imdb_like
from catalog.demo.naming import AffinePermutation, DemoRandom
from catalog.text import normalise_title, person_slug

PERSON_FIELDS = (
    "id", "public_id", "slug", "imdb_id", "name", "norm_name", "biography", "birth_year",
    "death_year", "birthday", "deathday", "place_of_birth", "known_for_department",
    "profile_url", "popularity", "created_at", "updated_at",
)  # fmt: skip


class PeopleGenerator:
    def __init__(self, plan: CatalogPlan, *, id_base: int, now: dt.datetime) -> None:
        self.plan = plan
        self.id_base = id_base
        self.now = now
        self.rng = DemoRandom(f"{plan.seed}:people")
        self.imdb_numbers = AffinePermutation(10_000_000, self.rng)
        self.with_imdb = 0
        self.places = list(dist.COUNTRIES.values())

    def batches(self, size: int) -> Iterator[list[tuple]]:
        batch: list[tuple] = []
        for pool in self.plan.pools.values():
            for position in range(pool.size):
                batch.append(self.person(pool, position))
                if len(batch) >= size:
                    yield batch
                    batch = []
        if batch:
            yield batch

    def person(self, pool: Pool, position: int) -> tuple:
        rng = self.rng
        number = pool.start + position
        name = self.plan.names(number).name
        slug = person_slug(name)
        imdb_id = None
        if rng.random() < 0.5:
            imdb_id = imdb_like("nm", self.imdb_numbers(self.with_imdb))
            self.with_imdb += 1
        career_middle = dist.year_at_share((position + 0.5) / pool.size)
        birth_year = career_middle - rng.between(25, 50)
        death_year = birth_year + int(rng.gauss(78, 10))
        if death_year >= 2026 or death_year <= career_middle:
            death_year = None
        birthday = deathday = None
        if rng.random() < 0.7:
            birthday = dt.date(birth_year, rng.between(1, 12), rng.between(1, 28))
            if death_year:
                deathday = dt.date(death_year, rng.between(1, 12), rng.between(1, 28))
        star = position % STAR_STRIDE == 0
        popularity = round(rng.lognormvariate(0.3, 0.8) * (6 if star else 1), 3)
        place = f"{rng.pick(words.PLACES)}, {rng.pick(self.places)}"
        biography = ""
        if star or rng.random() < 0.2:
            role = pool.department.lower()
            biography = (
                f"{name} (born {birth_year}) is known for work in {role}, "
                f"with a career that peaked around the {career_middle // 10 * 10}s."
            )
        return (
            self.id_base + number, imdb_id or slug, slug, imdb_id, name,
            normalise_title(name, strip_articles=False), biography, birth_year, death_year,
            birthday, deathday, place, pool.department, "", popularity, self.now, self.now,
        )  # fmt: skip
