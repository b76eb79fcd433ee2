"""Tiny builders for test data: `make_film(title="Alien", year=1979)`."""

from __future__ import annotations

import itertools

from catalog.models import Credit, Film, Genre, Person

_counter = itertools.count(1)


def make_film(**kwargs) -> Film:
    genres = kwargs.pop("genres", [])
    n = next(_counter)
    kwargs.setdefault("title", f"Film {n}")
    kwargs.setdefault("year", 2000)
    film = Film.objects.create(**kwargs)
    for name in genres:
        genre, _ = Genre.objects.get_or_create(name=name, defaults={"slug": name.lower()})
        film.genres.add(genre)
    return film


def make_person(**kwargs) -> Person:
    kwargs.setdefault("name", f"Person {next(_counter)}")
    return Person.objects.create(**kwargs)


def make_credit(film: Film, person: Person, **kwargs) -> Credit:
    kwargs.setdefault("kind", Credit.Kind.CAST)
    if kwargs["kind"] == Credit.Kind.CREW:
        kwargs.setdefault("department", "Directing")
        kwargs.setdefault("job", "Director")
    return Credit.objects.create(film=film, person=person, **kwargs)
