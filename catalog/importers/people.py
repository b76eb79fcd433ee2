"""Find or create the people of a batch: by IMDb/TMDB id first, then by exact name."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from catalog.importers.batching import chunked
from catalog.importers.bulk import save_imported
from catalog.importers.records import PERSON_ID_FIELDS, PersonRef
from catalog.models import Person
from catalog.text import normalise_title

_FIELDS = [f.attname for f in Person._meta.concrete_fields if f.attname != "id"]


@dataclass
class ResolvedPeople:
    people: dict[Hashable, Person]  # ref key -> saved Person
    created: set[Hashable]
    changed: set[Hashable]  # created or updated


def resolve_people(refs: Iterable[PersonRef]) -> ResolvedPeople:
    """Persist the people a batch names, creating or updating them in bulk.

    A name-only reference (Wikipedia cast) takes the first person of that exact
    name; an id-bearing one falls back to a same-name person without a
    conflicting id, so a cast member first met on Wikipedia gains the IMDb id
    later instead of becoming a second person.
    """
    unique_refs: dict[Hashable, PersonRef] = {}
    for ref in refs:
        unique_refs.setdefault(ref.key, ref)
    if not unique_refs:
        return ResolvedPeople({}, set(), set())
    index = _PeopleIndex(unique_refs.values())
    resolved: dict[Hashable, Person] = {}
    new: list[Person] = []
    touched: dict[int, tuple[Person, dict]] = {}
    changed_keys: set[Hashable] = set()
    created_keys: set[Hashable] = set()
    for key, ref in unique_refs.items():
        person = index.find(ref)
        if person is None and not ref.name:
            continue  # known only by an id nobody imported (name.basics not loaded)
        if person is None:
            person = Person(name=ref.name[:200])
            new.append(person)
            created_keys.add(key)
        elif person.pk is not None and person.pk not in touched:
            touched[person.pk] = (person, index.snapshot(person))
        before = index.snapshot(person)
        # An id another person already holds stays with them (the columns are unique).
        ids = {
            name: value
            for name, value in ref.ids.items()
            if value is not None and index.by_id[name].get(value, person) is person
        }
        _apply(person, ref, ids)
        index.add(person)
        if person.pk is None or index.snapshot(person) != before:
            changed_keys.add(key)
        resolved[key] = person
    _save(new, touched)
    return ResolvedPeople(resolved, created_keys, changed_keys)


def _apply(person: Person, ref: PersonRef, ids: dict) -> None:
    for name, value in ids.items():
        setattr(person, name, value)
    for name, value in ref.values.items():
        setattr(person, name, value)
    for name, value in ref.fill.items():
        if value not in (None, "") and getattr(person, name) in (None, "", 0):
            setattr(person, name, value)


def _save(new: list[Person], touched: dict[int, tuple[Person, dict]]) -> None:
    save_imported(Person, new, touched.values(), _FIELDS, batch_size=300)


class _PeopleIndex:
    """The people a batch may mean, loaded in a few IN queries, and kept current as it goes."""

    def __init__(self, refs: Iterable[PersonRef]) -> None:
        refs = list(refs)
        self.by_id: dict[str, dict] = {name: {} for name in PERSON_ID_FIELDS}
        self.by_name: dict[str, list[Person]] = {}
        for name in PERSON_ID_FIELDS:
            values = {ref.ids[name] for ref in refs if ref.ids.get(name) is not None}
            for chunk in chunked(sorted(values), 2000):
                for person in Person.objects.filter(**{f"{name}__in": chunk}):
                    self.add(person)
        norm_names = {normalise_title(ref.name, strip_articles=False) for ref in refs if ref.name}
        for chunk in chunked(sorted(norm_names), 2000):
            for person in Person.objects.filter(norm_name__in=chunk).order_by("id"):
                self.add(person)

    def add(self, person: Person) -> None:
        for name in PERSON_ID_FIELDS:
            value = getattr(person, name)
            if value is not None:
                self.by_id[name].setdefault(value, person)
        namesakes = self.by_name.setdefault(person.name, [])
        if not any(p is person or (p.pk and p.pk == person.pk) for p in namesakes):
            namesakes.append(person)

    def find(self, ref: PersonRef) -> Person | None:
        for name in PERSON_ID_FIELDS:
            value = ref.ids.get(name)
            if value is not None and value in self.by_id[name]:
                return self.by_id[name][value]
        for person in self.by_name.get(ref.name, ()):
            if all(
                getattr(person, name) in (None, value)
                for name, value in ref.ids.items()
                if value is not None
            ):
                return person
        return None

    @staticmethod
    def snapshot(person: Person) -> dict:
        return {name: getattr(person, name) for name in _FIELDS}
