"""`seed_catalog()`: the catalog step of `manage.py seed_demo`."""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TextIO

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from catalog.demo import distributions as dist
from catalog.demo import words
from catalog.demo.bulk_load import analyze, deferred_indexes
from catalog.demo.generator import (
    CREDIT_FIELDS,
    FILM_FIELDS,
    PROVIDER_FIELDS,
    CatalogPlan,
    FilmBatch,
    FilmGenerator,
    Vocabulary,
)
from catalog.demo.naming import company_name
from catalog.demo.people import PERSON_FIELDS, PeopleGenerator
from catalog.demo.prefetch import ahead
from catalog.demo.writer import RowWriter
from catalog.fulltext import deferred_search
from catalog.models import (
    Company,
    Country,
    Credit,
    Film,
    FilmWatchProvider,
    Genre,
    Keyword,
    Language,
    Person,
    WatchProvider,
)
from catalog.progress import Progress

FILM_BATCH = 2_000
PEOPLE_BATCH = 10_000
LOADED_MODELS = [
    Person,
    Film,
    Film.genres.through,
    Film.keywords.through,
    Film.companies.through,
    Film.countries.through,
    Film.spoken_languages.through,
    Credit,
    FilmWatchProvider,
]


class CatalogNotEmpty(Exception):
    pass


@dataclass(frozen=True)
class SeedReport:
    films: int
    people: int
    credits: int
    seconds: float


def seed_catalog(*, films: int, seed: int, stream: TextIO | None = None) -> SeedReport:
    """Fill an empty catalog with `films` synthetic films, their people and credits."""
    if Film.objects.exists() or Person.objects.exists():
        raise CatalogNotEmpty("the catalog already has films or people")
    started = time.monotonic()
    plan = CatalogPlan(films, seed)
    with transaction.atomic():
        vocabulary = ensure_vocabulary(plan)
        credits = _load(plan, vocabulary, stream)
        RowWriter().reset_sequences(Film, Person)
    return SeedReport(films, plan.people, credits, time.monotonic() - started)


@contextmanager
def bulk_loading(stream: TextIO | None = None) -> Iterator[None]:
    """One transaction for a whole seed, in PostgreSQL's bulk-load mode.

    Secondary indexes, constraints and the search triggers stand aside while rows
    stream in and are rebuilt once at the end; every later step of seed_demo (accounts,
    reviews, recompute_scores) runs inside, before the rebuild, so the full-table
    UPDATEs it ends with do not maintain thirty indexes row by row.
    """
    with transaction.atomic(), deferred_indexes(LOADED_MODELS) as deferred:
        with deferred_search():
            yield
            marks = [time.monotonic()]
        marks.append(time.monotonic())  # search documents rebuilt
    marks.append(time.monotonic())  # indexes and foreign keys rebuilt, committed
    analyze(LOADED_MODELS)
    marks.append(time.monotonic())
    if stream and deferred:
        phases = ("search documents", "indexes and constraints", "analyze")
        timings = ", ".join(
            f"{p} {b - a:.1f}s" for p, a, b in zip(phases, marks, marks[1:], strict=False)
        )
        stream.write(f"Rebuilt after the load: {timings}.")


def _load(plan: CatalogPlan, vocabulary: Vocabulary, stream: TextIO | None) -> int:
    now = timezone.now()
    writer = RowWriter()
    person_base = (Person.objects.aggregate(m=Max("id"))["m"] or 0) + 1
    film_base = (Film.objects.aggregate(m=Max("id"))["m"] or 0) + 1

    people = PeopleGenerator(plan, id_base=person_base, now=now)
    with Progress("people", total=plan.people, stream=stream) as progress:
        for rows in ahead(people.batches(PEOPLE_BATCH)):
            writer.write(Person, PERSON_FIELDS, rows)
            progress.advance(len(rows))

    generator = FilmGenerator(
        plan,
        vocabulary,
        film_id_base=film_base,
        person_id_base=person_base,
        poster_url=reverse("catalog:poster_svg", args=["PUBLIC-ID"]).replace("PUBLIC-ID", "{}"),
        now=now,
    )
    credits = 0
    with Progress("films", total=plan.films, stream=stream) as progress:
        for batch in ahead(generator.batches(FILM_BATCH)):
            write_film_batch(writer, batch)
            credits += len(batch.credits)
            progress.advance(len(batch.films))
    return credits


def write_film_batch(writer: RowWriter, batch: FilmBatch) -> None:
    writer.write(Film, FILM_FIELDS, batch.films)
    writer.write(Film.genres.through, ("film_id", "genre_id"), batch.genres)
    writer.write(Film.keywords.through, ("film_id", "keyword_id"), batch.keywords)
    writer.write(Film.companies.through, ("film_id", "company_id"), batch.companies)
    writer.write(Film.countries.through, ("film_id", "country_id"), batch.countries)
    writer.write(Film.spoken_languages.through, ("film_id", "language_id"), batch.languages)
    writer.write(Credit, CREDIT_FIELDS, batch.credits)
    writer.write(FilmWatchProvider, PROVIDER_FIELDS, batch.providers)


def ensure_vocabulary(plan: CatalogPlan) -> Vocabulary:
    """Genres, keywords, companies, countries, languages and providers the films point at.

    Existing rows (from an import) are reused by name, so seeding never duplicates them.
    """
    Genre.objects.bulk_create(
        [Genre(name=name, slug=slugify(name)) for name in dist.GENRES], ignore_conflicts=True
    )
    Keyword.objects.bulk_create([Keyword(name=k) for k in words.KEYWORDS], ignore_conflicts=True)
    rng = random.Random(f"{plan.seed}:companies")
    homes = list(dist.CO_PRODUCERS)
    company_names = [company_name(n) for n in range(plan.companies)]
    Company.objects.bulk_create(
        [Company(name=name, origin_country=rng.choice(homes)) for name in company_names],
        ignore_conflicts=True,
        batch_size=2_000,
    )
    Country.objects.bulk_create(
        [Country(code=code, name=name) for code, name in dist.COUNTRIES.items()],
        ignore_conflicts=True,
    )
    Language.objects.bulk_create(
        [Language(code=code, name=spec[0]) for code, spec in dist.LANGUAGES.items()],
        ignore_conflicts=True,
    )
    WatchProvider.objects.bulk_create(
        [WatchProvider(name=name) for name in words.WATCH_PROVIDERS], ignore_conflicts=True
    )
    keyword_ids = dict(Keyword.objects.filter(name__in=words.KEYWORDS).values_list("name", "id"))
    company_ids = {}
    for start in range(0, len(company_names), 2_000):
        chunk = company_names[start : start + 2_000]
        company_ids.update(Company.objects.filter(name__in=chunk).values_list("name", "id"))
    return Vocabulary(
        genres=dict(Genre.objects.filter(name__in=dist.GENRES).values_list("name", "id")),
        keywords=[keyword_ids[k] for k in words.KEYWORDS],
        companies=[company_ids[name] for name in company_names],
        countries=set(dist.COUNTRIES),
        languages=set(dist.LANGUAGES),
        providers=dict(
            WatchProvider.objects.filter(name__in=words.WATCH_PROVIDERS).values_list("name", "id")
        ),
    )
