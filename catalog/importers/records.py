"""What every importer hands to the writer: plain records, independent of the source format."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

# Film external ids, in the order they are trusted when two sources disagree.
FILM_ID_FIELDS = ("imdb_id", "tmdb_id", "movielens_id", "wikipedia_title")
PERSON_ID_FIELDS = ("imdb_id", "tmdb_id")


@dataclass(frozen=True)
class Location:
    """Where a row came from, for error messages: `movies.csv:17`."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass
class RowError:
    location: Location
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


@dataclass
class PersonRef:
    """A person as a source names them: by id where it has one, else by exact name."""

    name: str = ""
    ids: dict[str, Any] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)  # written on every import
    fill: dict[str, Any] = field(default_factory=dict)  # written only where blank

    @property
    def key(self) -> Hashable:
        for name in PERSON_ID_FIELDS:
            if self.ids.get(name) is not None:
                return (name, self.ids[name])
        return ("name", self.name)


@dataclass
class CreditSpec:
    person: PersonRef
    kind: str = "cast"
    department: str = "Acting"
    job: str = "Actor"
    character: str = ""
    order: int = 0


@dataclass
class CompanyRef:
    name: str
    tmdb_id: int | None = None
    origin_country: str = ""


@dataclass
class FilmRecord:
    """One source entry for one film.

    `key` identifies the entry within its source (a MovieLens movieId, a Wikipedia
    title+year+link): two entries with the same key are the same film even
    without any external id, two with different keys never merge by title.
    """

    location: Location
    key: Hashable
    title: str = ""
    year: int | None = None
    ids: dict[str, Any] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)  # written on every import
    fill: dict[str, Any] = field(default_factory=dict)  # written only where blank
    overview: str = ""
    alt_titles: list[str] = field(default_factory=list)
    genres: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    companies: list[CompanyRef] = field(default_factory=list)
    countries: list[tuple[str, str]] = field(default_factory=list)  # (ISO code, name)
    languages: list[tuple[str, str]] = field(default_factory=list)
    credits: list[CreditSpec] = field(default_factory=list)
    # True: this source's billing order and characters replace what is stored
    # (TMDB, IMDb); False: it only adds credits that are missing (Wikipedia).
    credits_authoritative: bool = False
    # False for rows that only enrich films another file created (IMDb ratings).
    create: bool = True
    match_by_title: bool = True
