"""IMDb's non-commercial TSV dumps: title.basics/ratings/principals/crew and name.basics.

The files are read in that order whatever order they are given in, so ratings and
credits find the films and people the earlier files created. Only feature films
(titleType `movie`, not adult) become films; rows of other titles are skipped.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

from catalog.importers import vocab
from catalog.importers.people import resolve_people
from catalog.importers.pipeline import Console, ImportUsageError, import_file
from catalog.importers.records import CreditSpec, FilmRecord, Location, PersonRef, RowError
from catalog.importers.report import Summary
from catalog.importers.sources import TextSource, iter_tsv
from catalog.importers.writer import CREATED, UNCHANGED, UPDATED, FilmWriter

SOURCE = "imdb"
KINDS = ("title.basics", "title.ratings", "name.basics", "title.principals", "title.crew")

# principals category -> (kind, department, default job), with TMDB's names so credits merge.
_CATEGORIES = {
    "actor": ("cast", "Acting", "Actor"),
    "actress": ("cast", "Acting", "Actor"),
    "self": ("cast", "Acting", "Actor"),
    "archive_footage": ("cast", "Acting", "Actor"),
    "director": ("crew", "Directing", "Director"),
    "writer": ("crew", "Writing", "Writer"),
    "producer": ("crew", "Production", "Producer"),
    "composer": ("crew", "Sound", "Original Music Composer"),
    "cinematographer": ("crew", "Camera", "Director of Photography"),
    "editor": ("crew", "Editing", "Editor"),
    "production_designer": ("crew", "Art", "Production Design"),
    "casting_director": ("crew", "Production", "Casting"),
}
_JOBS = {
    "screenplay": "Screenplay",
    "novel": "Novel",
    "story": "Story",
    "written by": "Writer",
    "executive producer": "Executive Producer",
    "producer": "Producer",
    "co-producer": "Co-Producer",
}
_PROFESSIONS = {
    "actor": "Acting",
    "actress": "Acting",
    "director": "Directing",
    "writer": "Writing",
    "producer": "Production",
    "composer": "Sound",
    "cinematographer": "Camera",
    "editor": "Editing",
    "production_designer": "Art",
    "casting_director": "Production",
}


def import_dumps(paths: list[Path], *, console: Console) -> list[Summary]:
    files = _classify(paths)
    summaries = []
    for kind in KINDS:
        for path in files.get(kind, []):
            parse, write = _HANDLERS[kind]()
            summaries.append(
                import_file(
                    path, label=f"{SOURCE} {kind}", parse=parse, write=write, console=console
                )
            )
    return summaries


def _classify(paths: list[Path]) -> dict[str, list[Path]]:
    candidates: list[Path] = []
    for path in paths:
        candidates.extend(sorted(path.glob("*.tsv*")) if path.is_dir() else [path])
    files: dict[str, list[Path]] = {}
    for path in candidates:
        kind = next((k for k in KINDS if path.name.startswith(k + ".")), None)
        if kind is None:
            raise ImportUsageError(f"{path.name} is not an IMDb dump ({', '.join(KINDS)})")
        files.setdefault(kind, []).append(path)
    if not files:
        raise ImportUsageError("no IMDb .tsv or .tsv.gz files found in the given paths")
    return files


def _rows(source: TextSource, name: str, build: Callable) -> Iterator:
    for line, row in iter_tsv(source.text):
        location = Location(name, line)
        try:
            if row is None:
                raise ValueError("wrong number of columns")
            yield build(row, location)
        except (ValueError, KeyError) as error:
            message = f"missing column {error}" if isinstance(error, KeyError) else str(error)
            yield RowError(location, message)


def _int(value: str | None, field: str) -> int | None:
    if value is None:
        return None
    if not value.isdigit():
        raise ValueError(f"bad {field} {value!r}")
    return int(value)


def _title_id(value: str | None) -> str:
    if not value or not value.startswith("tt") or not value[2:].isdigit():
        raise ValueError(f"bad tconst {value!r}")
    return value


def _name_id(value: str | None) -> str:
    if not value or not value.startswith("nm") or not value[2:].isdigit():
        raise ValueError(f"bad nconst {value!r}")
    return value


# --- title.basics -------------------------------------------------------------------------
def _basics() -> tuple[Callable, Callable]:
    writer = FilmWriter(source=SOURCE, source_field="imdb_id")
    return (lambda source, name: _rows(source, name, _basics_record)), writer.write


def _basics_record(row: dict, location: Location) -> FilmRecord | None:
    tconst = _title_id(row["tconst"])
    if row["titleType"] != "movie" or row["isAdult"] == "1":
        return None
    title = " ".join((row["primaryTitle"] or "").split())
    if not title:
        raise ValueError("missing primaryTitle")
    original = " ".join((row["originalTitle"] or "").split())
    runtime = _int(row["runtimeMinutes"], "runtimeMinutes")
    return FilmRecord(
        location=location,
        key=tconst,
        title=title,
        year=_int(row["startYear"], "startYear"),
        ids={"imdb_id": tconst},
        values={"runtime": runtime} if runtime and runtime < 32768 else {},
        fill={"original_title": original[:300] if original != title else ""},
        alt_titles=[original] if original and original != title else [],
        genres=vocab.unique(vocab.canonical_genre(g) for g in (row["genres"] or "").split(",")),
    )


# --- title.ratings ------------------------------------------------------------------------
def _ratings() -> tuple[Callable, Callable]:
    writer = FilmWriter(source=SOURCE)
    return (lambda source, name: _rows(source, name, _rating_record)), writer.write


def _rating_record(row: dict, location: Location) -> FilmRecord:
    tconst = _title_id(row["tconst"])
    rating = float(row["averageRating"] or "nan")
    if not 0 <= rating <= 10:
        raise ValueError(f"bad averageRating {row['averageRating']!r}")
    return FilmRecord(
        location=location,
        key=tconst,
        ids={"imdb_id": tconst},
        values={"imdb_rating": rating, "imdb_votes": _int(row["numVotes"], "numVotes") or 0},
        create=False,
        match_by_title=False,
    )


# --- name.basics --------------------------------------------------------------------------
def _names() -> tuple[Callable, Callable]:
    return (lambda source, name: _rows(source, name, _person_ref)), _write_people


def _person_ref(row: dict, location: Location) -> PersonRef:
    nconst = _name_id(row["nconst"])
    name = " ".join((row["primaryName"] or "").split())
    if not name:
        raise ValueError("missing primaryName")
    professions = (row["primaryProfession"] or "").split(",")
    return PersonRef(
        name=name,
        ids={"imdb_id": nconst},
        values={
            "birth_year": _int(row["birthYear"], "birthYear"),
            "death_year": _int(row["deathYear"], "deathYear"),
        },
        fill={"known_for_department": _PROFESSIONS.get(professions[0], "")},
    )


def _write_people(refs: list[PersonRef]) -> list[str]:
    resolved = resolve_people(refs)
    return [
        CREATED
        if ref.key in resolved.created
        else UPDATED
        if ref.key in resolved.changed
        else UNCHANGED
        for ref in refs
    ]


# --- title.principals and title.crew ------------------------------------------------------
def _principals() -> tuple[Callable, Callable]:
    writer = FilmWriter(source=SOURCE)
    return (lambda source, name: _grouped(_rows(source, name, _principal))), writer.write


def _principal(row: dict, location: Location) -> tuple[str, Location, CreditSpec] | None:
    tconst = _title_id(row["tconst"])
    category = row["category"]
    if category not in _CATEGORIES:
        return None
    kind, department, job = _CATEGORIES[category]
    if kind == "crew" and row["job"]:
        job = _JOBS.get(row["job"].lower(), job)
    character = ""
    if row["characters"]:
        try:
            names = json.loads(row["characters"])
        except json.JSONDecodeError:
            raise ValueError(f"bad characters {row['characters']!r}") from None
        character = " / ".join(str(n) for n in names) if isinstance(names, list) else str(names)
    if category == "self" and not character:
        character = "Self"
    spec = CreditSpec(
        person=PersonRef(ids={"imdb_id": _name_id(row["nconst"])}),
        kind=kind,
        department=department,
        job=job,
        character=character,
        order=max((_int(row["ordering"], "ordering") or 1) - 1, 0),
    )
    return tconst, location, spec


def _grouped(rows: Iterator) -> Iterator:
    """principals are sorted by title: one record per film, holding all its rows' credits."""
    current: FilmRecord | None = None
    for row in rows:
        if row is None or isinstance(row, RowError):
            yield row
            continue
        tconst, location, spec = row
        if current is not None and current.key != tconst:
            yield current
            current = None
        if current is None:
            current = _credits_record(tconst, location, authoritative=True)
        current.credits.append(spec)
    if current is not None:
        yield current


def _credits_record(tconst: str, location: Location, *, authoritative: bool) -> FilmRecord:
    return FilmRecord(
        location=location,
        key=tconst,
        ids={"imdb_id": tconst},
        credits_authoritative=authoritative,
        create=False,
        match_by_title=False,
    )


def _crew() -> tuple[Callable, Callable]:
    writer = FilmWriter(source=SOURCE)
    return (lambda source, name: _rows(source, name, _crew_record)), writer.write


def _crew_record(row: dict, location: Location) -> FilmRecord:
    # principals already bill directors and writers: crew only adds the ones they leave out.
    record = _credits_record(_title_id(row["tconst"]), location, authoritative=False)
    for column, department, job in (
        ("directors", "Directing", "Director"),
        ("writers", "Writing", "Writer"),
    ):
        for order, nconst in enumerate((row[column] or "").split(",") if row[column] else []):
            record.credits.append(
                CreditSpec(
                    person=PersonRef(ids={"imdb_id": _name_id(nconst)}),
                    kind="crew",
                    department=department,
                    job=job,
                    order=order,
                )
            )
    return record


_HANDLERS = {
    "title.basics": _basics,
    "title.ratings": _ratings,
    "name.basics": _names,
    "title.principals": _principals,
    "title.crew": _crew,
}
