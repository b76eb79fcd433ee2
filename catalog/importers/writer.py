"""The one path from source records to the catalog: match, merge, diff, write in bulk.

Per batch of records, a handful of IN queries load every film the batch could
mean (by external id, by normalised title and year, by alternative title);
matching then runs in memory, and only rows that really change are written,
with bulk_create / bulk_update. That is what makes a re-run report "unchanged"
for every row, and what keeps a 36,000-film import to a few hundred queries.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from catalog.importers import vocab
from catalog.importers.batching import chunked
from catalog.importers.bulk import insert_objects, insert_rows, save_imported
from catalog.importers.people import resolve_people
from catalog.importers.records import FILM_ID_FIELDS, FilmRecord
from catalog.models import AlternativeTitle, Credit, Film
from catalog.text import normalise_title

CREATED, UPDATED, UNCHANGED, SKIPPED = "created", "updated", "unchanged", "skipped"

_FILM_FIELDS = [f.attname for f in Film._meta.concrete_fields if f.attname != "id"]
# Whose plot summary wins when two sources have one.
_OVERVIEW_RANK = {"": 0, "movielens": 1, "imdb": 1, "wikipedia": 2, "tmdb": 3}
_BLANK = (None, "")


class FilmWriter:
    """Writes batches of one source's records; remembers which film each entry claimed this run.

    `source_field` is the external id this source owns (`wikipedia_title` for
    Wikipedia, `movielens_id` for MovieLens): an entry never merges by title into
    a film that already holds a different entry of the same source.
    """

    def __init__(self, *, source: str, source_field: str | None = None) -> None:
        self.source = source
        self.source_field = source_field
        self.claims: dict[int, Hashable] = {}

    def write(self, records: list[FilmRecord]) -> list[str]:
        """Persist the batch; one outcome (created/updated/unchanged/skipped) per record."""
        with transaction.atomic():
            return _Batch(self, records).run()


@dataclass
class _Plan:
    record: FilmRecord
    film: Film | None
    created: bool = False
    changed: bool = False


class _Batch:
    def __init__(self, writer: FilmWriter, records: list[FilmRecord]) -> None:
        self.writer = writer
        self.records = records
        self.index = _FilmIndex(records)
        self.batch_claims: dict[int, Hashable] = {}  # id(new film) -> record key

    def run(self) -> list[str]:
        plans = [self._plan(record) for record in self.records]
        preexisting = self._save_films()
        for film in self.index.new:
            if id(film) in self.batch_claims:
                self.writer.claims[film.pk] = self.batch_claims[id(film)]
        _Relations(plans, preexisting, source=self.writer.source).save()
        outcomes = []
        for plan in plans:
            if plan.film is None:
                outcomes.append(SKIPPED)
            elif plan.created:
                outcomes.append(CREATED)
            else:
                outcomes.append(UPDATED if plan.changed else UNCHANGED)
        return outcomes

    # --- matching ---------------------------------------------------------------------
    def _plan(self, record: FilmRecord) -> _Plan:
        film = self._match(record)
        if film is None:
            if not record.create or not record.title:
                return _Plan(record, None)
            film = Film(title=record.title[:300], year=record.year)
            film.norm_title = normalise_title(film.title)
            self.index.new.append(film)
            self._claim(film, record)
            self._apply(film, record)
            self.index.add(film)
            return _Plan(record, film, created=True, changed=True)
        self._claim(film, record)
        self.index.remember(film)
        changed = self._apply(film, record)
        self.index.add(film)
        return _Plan(record, film, changed=changed)

    def _match(self, record: FilmRecord) -> Film | None:
        norm = normalise_title(record.title[:300]) if record.title else ""
        chosen = None
        for name in FILM_ID_FIELDS:
            value = record.ids.get(name)
            film = self.index.by_id[name].get(value) if value is not None else None
            if film is None:
                continue
            # A Wikipedia link shared by several list entries (a remake's article,
            # a serial's parts) identifies only the entry with the article's title.
            same_entry = name != "wikipedia_title" or (film.norm_title, film.year) == (
                norm,
                record.year,
            )
            if same_entry and self._compatible(film, record, by_title=False):
                chosen = film
                break
            del record.ids[name]
        # Ids that another film holds stay with it: the columns are unique.
        for name, value in list(record.ids.items()):
            holder = self.index.by_id[name].get(value)
            if value is None or (holder is not None and holder is not chosen):
                del record.ids[name]
        if chosen is not None or not record.match_by_title or record.year is None or not norm:
            return chosen
        norms = [norm, *(normalise_title(t) for t in record.alt_titles)]
        for film in self.index.by_title(norms, record.year):
            if self._compatible(film, record, by_title=True):
                return film
        return None

    def _compatible(self, film: Film, record: FilmRecord, *, by_title: bool) -> bool:
        for name, value in record.ids.items():
            current = getattr(film, name)
            if current is not None and current != value:
                return False
        if not by_title:
            return True
        own = self.writer.source_field
        if own and record.ids.get(own) is None and getattr(film, own) is not None:
            return False
        claim = self.writer.claims.get(film.pk) if film.pk else self.batch_claims.get(id(film))
        return claim is None or claim == record.key

    def _claim(self, film: Film, record: FilmRecord) -> None:
        """Remember which entry took a film, where its own id cannot tell later entries.

        An entry carrying this source's id marks the film with it, and `_compatible`
        already keeps other entries out. Only entries without one (a Wikipedia entry
        with no article) need a claim, which keeps this map small, not one per film.
        """
        own = self.writer.source_field
        if own is None or record.ids.get(own) is not None:
            return
        if film.pk:
            self.writer.claims.setdefault(film.pk, record.key)
        else:
            self.batch_claims.setdefault(id(film), record.key)

    # --- applying ---------------------------------------------------------------------
    def _apply(self, film: Film, record: FilmRecord) -> bool:
        touched = [*record.ids, *record.values, *record.fill, "overview", "overview_source"]
        before = [getattr(film, name) for name in touched]
        for name, value in record.ids.items():
            setattr(film, name, value)
        for name, value in record.values.items():
            setattr(film, name, value)
        for name, value in record.fill.items():
            if value not in _BLANK and getattr(film, name) in _BLANK:
                setattr(film, name, value)
        source = self.writer.source
        if record.overview and _OVERVIEW_RANK.get(source, 1) >= _OVERVIEW_RANK.get(
            film.overview_source, 1
        ):
            film.overview = record.overview
            film.overview_source = source
        return before != [getattr(film, name) for name in touched]

    # --- writing ----------------------------------------------------------------------
    def _save_films(self) -> set[int]:
        """Create the new films and update the changed ones; returns the pre-existing pks."""
        save_imported(
            Film, self.index.new, self.index.snapshots.values(), _FILM_FIELDS, batch_size=250
        )
        return set(self.index.snapshots)


class _FilmIndex:
    """Every film a batch could mean, keyed by id and by (norm_title, year), kept current."""

    def __init__(self, records: list[FilmRecord]) -> None:
        self.films: dict[int, Film] = {}
        self.by_id: dict[str, dict[Any, Film]] = {name: {} for name in FILM_ID_FIELDS}
        self._titles: dict[tuple[str, int | None], list[Film]] = {}
        self._alt_titles: dict[tuple[str, int | None], list[Film]] = {}
        self.new: list[Film] = []
        self.snapshots: dict[int, tuple[Film, dict]] = {}
        self._load(records)

    def _load(self, records: list[FilmRecord]) -> None:
        for name in FILM_ID_FIELDS:
            values = {r.ids[name] for r in records if r.ids.get(name) is not None}
            self._fetch({f"{name}__in": values}, values)
        titled = [r for r in records if r.match_by_title and r.title and r.year is not None]
        norms = {normalise_title(t) for r in titled for t in [r.title, *r.alt_titles]}
        years = {r.year for r in titled}
        if norms:
            self._fetch({"norm_title__in": norms, "year__in": years}, norms)
            # No join on the film's year here: SQLite would plan it from the year index
            # and scan whole decades; the year is checked on the loaded films instead.
            alt_rows = set()
            for chunk in chunked(sorted(norms), 2000):
                alt_rows |= set(
                    AlternativeTitle.objects.filter(norm_title__in=chunk).values_list(
                        "film_id", "norm_title"
                    )
                )
            missing = {film_id for film_id, _ in alt_rows if film_id not in self.films}
            self._fetch({"pk__in": missing, "year__in": years}, missing)
            for film_id, norm in sorted(alt_rows):
                if film := self.films.get(film_id):
                    self._alt_titles.setdefault((norm, film.year), []).append(film)

    def _fetch(self, lookup: dict, values: Iterable) -> None:
        if not values:
            return
        (field, chunk_values), *rest = lookup.items()
        for chunk in chunked(sorted(chunk_values), 2000):
            query = Film.objects.filter(**{field: chunk}, **dict(rest)).order_by("id")
            for film in query:
                if film.pk not in self.films:
                    self.films[film.pk] = film
                    self.add(film)

    def add(self, film: Film) -> None:
        for name in FILM_ID_FIELDS:
            value = getattr(film, name)
            if value is not None:
                self.by_id[name][value] = film
        namesakes = self._titles.setdefault((film.norm_title, film.year), [])
        if not any(f is film for f in namesakes):
            namesakes.append(film)

    def remember(self, film: Film) -> None:
        """Snapshot an existing film before the batch changes it, to write only real changes."""
        if film.pk and film.pk not in self.snapshots:
            self.snapshots[film.pk] = (film, {name: getattr(film, name) for name in _FILM_FIELDS})

    def by_title(self, norms: list[str], year: int) -> list[Film]:
        """Candidates in a fixed order: main titles, then alternative titles; oldest first."""
        found: list[Film] = []
        for table in (self._titles, self._alt_titles):
            for norm in norms:
                for film in table.get((norm, year), ()):
                    if film not in found:
                        found.append(film)
        return found


class _Relations:
    """Genres, keywords, companies, countries, languages, alternative titles and credits.

    Only adds what is missing: a film gathers genres and keywords from every
    source. Credits from an authoritative source also correct order and character.
    """

    def __init__(self, plans: list[_Plan], preexisting: set[int], *, source: str) -> None:
        self.source = source
        self.plans = [p for p in plans if p.film is not None]
        self.preexisting = sorted(preexisting)

    def save(self) -> None:
        self._genres()
        self._named("keywords", vocab.keyword_ids, lambda r: r.keywords)
        self._companies()
        self._coded("countries", vocab.country_codes, lambda r: r.countries)
        self._coded("spoken_languages", vocab.language_codes, lambda r: r.languages)
        self._alternative_titles()
        self._credits()

    def _link(self, relation: str, pairs: list[tuple[_Plan, int, Any]]) -> None:
        through = getattr(Film, relation).through
        other = getattr(Film, relation).field.m2m_reverse_name()
        existing: set[tuple[int, Any]] = set()
        for chunk in chunked(self.preexisting, 2000):
            existing |= set(through.objects.filter(film_id__in=chunk).values_list("film_id", other))
        rows = []
        for plan, film_id, other_id in pairs:
            if (film_id, other_id) not in existing:
                existing.add((film_id, other_id))
                rows.append((film_id, other_id))
                plan.changed = True
        insert_rows(through, ["film_id", other], rows)

    def _genres(self) -> None:
        ids = vocab.genre_ids({g for p in self.plans for g in p.record.genres})
        self._link("genres", [(p, p.film.pk, ids[g]) for p in self.plans for g in p.record.genres])

    def _named(self, relation: str, lookup, items) -> None:
        ids = lookup({name for p in self.plans for name in items(p.record)})
        self._link(relation, [(p, p.film.pk, ids[n]) for p in self.plans for n in items(p.record)])

    def _companies(self) -> None:
        ids = vocab.company_ids(c for p in self.plans for c in p.record.companies)
        self._link(
            "companies",
            [
                (p, p.film.pk, ids[(c.tmdb_id, c.name)])
                for p in self.plans
                for c in p.record.companies
            ],
        )

    def _coded(self, relation: str, ensure, items) -> None:
        ensure(pair for p in self.plans for pair in items(p.record))
        self._link(
            relation, [(p, p.film.pk, code) for p in self.plans for code, _ in items(p.record)]
        )

    def _alternative_titles(self) -> None:
        existing: set[tuple[int, str]] = set()
        for chunk in chunked(self.preexisting, 2000):
            existing |= set(
                AlternativeTitle.objects.filter(film_id__in=chunk).values_list(
                    "film_id", "norm_title"
                )
            )
        rows = []
        for plan in self.plans:
            for title in plan.record.alt_titles:
                norm = normalise_title(title)
                key = (plan.film.pk, norm)
                if norm and norm != plan.film.norm_title and key not in existing:
                    existing.add(key)
                    rows.append(
                        AlternativeTitle(
                            film_id=plan.film.pk,
                            title=title[:300],
                            norm_title=norm,
                            source=self.source,
                        )
                    )
                    plan.changed = True
        insert_objects(AlternativeTitle, rows)

    def _credits(self) -> None:
        with_credits = [p for p in self.plans if p.record.credits]
        if not with_credits:
            return
        resolved = resolve_people(spec.person for p in with_credits for spec in p.record.credits)
        people, changed_people = resolved.people, resolved.changed
        existing: dict[tuple, Credit] = {}
        film_ids = sorted({p.film.pk for p in with_credits} & set(self.preexisting))
        for chunk in chunked(film_ids, 1000):
            for credit in Credit.objects.filter(film_id__in=chunk).only(
                "id", "film_id", "person_id", "kind", "job", "department", "character", "order"
            ):
                existing[(credit.film_id, credit.person_id, credit.kind, credit.job)] = credit
        new: list[Credit] = []
        changed: dict[int, Credit] = {}
        for plan in with_credits:
            for spec in plan.record.credits:
                person = people.get(spec.person.key)
                if person is None:
                    continue
                job = spec.job[:100]
                key = (plan.film.pk, person.pk, spec.kind, job)
                if spec.person.key in changed_people:
                    plan.changed = True
                credit = existing.get(key)
                if credit is None:
                    credit = Credit(
                        film_id=plan.film.pk,
                        person_id=person.pk,
                        kind=spec.kind,
                        job=job,
                        department=spec.department[:40],
                        character=spec.character[:500],
                        order=spec.order,
                    )
                    existing[key] = credit
                    new.append(credit)
                    plan.changed = True
                elif plan.record.credits_authoritative and _correct(credit, spec):
                    if credit.pk:
                        changed[credit.pk] = credit
                    plan.changed = True
        insert_objects(Credit, new)
        if changed:
            Credit.objects.bulk_update(
                list(changed.values()), ["department", "character", "order"], batch_size=500
            )


def _correct(credit: Credit, spec) -> bool:
    wanted = (spec.department[:40], spec.character[:500] or credit.character, spec.order)
    if (credit.department, credit.character, credit.order) == wanted:
        return False
    credit.department, credit.character, credit.order = wanted
    return True
