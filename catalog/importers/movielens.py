"""MovieLens folders (ml-latest, ml-latest-small): movies.csv, links.csv, ratings.csv, tags.csv.

links, ratings and tags are folded first into per-movie aggregates (their size
follows the number of films, not of ratings: ml-latest has 33M ratings over 86K
films); movies.csv then streams through the writer in batches.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from catalog.importers import vocab
from catalog.importers.pipeline import Console, ImportUsageError, import_file
from catalog.importers.records import FilmRecord, Location, RowError
from catalog.importers.report import Summary
from catalog.importers.sources import SourceError, TextSource, iter_csv, open_source
from catalog.importers.writer import FilmWriter
from catalog.text import restore_trailing_article

SOURCE = "movielens"
FILES = ("movies.csv", "links.csv", "ratings.csv", "tags.csv")

# "Toy Story (1995)", "Babylon 5 (1994-1998)", "Ready Player One" (no year).
_YEAR = re.compile(r"\s*\((\d{4})(?:\s*[-–]\s*\d{0,4})?\)\s*$")
# A trailing parenthesis holds another title:
# "(a.k.a. Se7en)", "(Fabuleux destin d'Amélie Poulain, Le)".
_ALTERNATE = re.compile(r"\s*\(([^()]+)\)\s*$")
_AKA = re.compile(r"^a\.?k\.?a\.?\s+", re.IGNORECASE)


@dataclass
class MovieStats:
    """What links.csv, ratings.csv and tags.csv say about one movieId."""

    imdb_id: str | None = None
    tmdb_id: int | None = None
    rating_sum: float = 0.0
    rating_count: int = 0
    tags: set[str] = field(default_factory=set)


def parse_title(raw: str) -> tuple[str, int | None, list[str]]:
    """`Seven (a.k.a. Se7en) (1995)` -> ("Seven", 1995, ["Se7en"]), articles back in front."""
    text = " ".join(raw.split())
    year = None
    if match := _YEAR.search(text):
        year = int(match.group(1))
        text = text[: match.start()]
    alternates: list[str] = []
    # A title that is only a parenthesis ("(500) Days of Summer") keeps it.
    while (match := _ALTERNATE.search(text)) and match.start() > 0:
        alternates.insert(0, _AKA.sub("", match.group(1)).strip())
        text = text[: match.start()]
    title = restore_trailing_article(text)
    return title, year, [restore_trailing_article(t) for t in alternates if t]


def import_folders(paths: list[Path], *, console: Console) -> list[Summary]:
    summaries: list[Summary] = []
    for path in paths:
        folder = path if path.is_dir() else path.parent
        missing = [name for name in FILES if not (folder / name).is_file()]
        if missing:
            raise ImportUsageError(f"{folder} is not a MovieLens folder: no {', '.join(missing)}")
        stats: dict[int, MovieStats] = {}
        for name, fold in (
            ("links.csv", _fold_link),
            ("ratings.csv", _fold_rating),
            ("tags.csv", _fold_tag),
        ):
            summaries.append(_fold(folder / name, stats, fold, console))
        writer = FilmWriter(source=SOURCE, source_field="movielens_id")
        summaries.append(
            import_file(
                folder / "movies.csv",
                label=SOURCE,
                parse=partial(_movies, stats=stats),
                write=writer.write,
                console=console,
            )
        )
    return summaries


def _fold(path: Path, stats: dict[int, MovieStats], fold, console: Console) -> Summary:
    """Read one side file into `stats`; its rows count as unchanged (the films carry the result)."""
    summary = Summary(f"{SOURCE} {path.name}")
    with open_source(path) as source, console.progress(summary.label, source) as progress:
        try:
            for line, row in iter_csv(source.text):
                try:
                    if row is None:
                        raise ValueError("wrong number of columns")
                    fold(row, stats)
                    summary.count("unchanged")
                except (ValueError, KeyError) as error:
                    console.report(RowError(Location(path.name, line), _message(error)), summary)
                if line % 10_000 == 0:
                    progress.advance(source.position() // 1024 - progress.done)
            progress.advance(progress.total - progress.done)
        except SourceError as error:
            console.report(RowError(Location(path.name, error.line), error.message), summary)
    console.out.write(
        f"{SOURCE} {path.name}: {summary.rows:,} rows read, {summary.error_count:,} errors\n"
    )
    # Side files only feed movies.csv: counting their rows as films would double-count.
    return Summary(summary.label, errors=summary.errors, error_count=summary.error_count)


def _message(error: Exception) -> str:
    return f"missing column {error}" if isinstance(error, KeyError) else str(error)


def _movie_id(row: dict[str, str]) -> int:
    value = row["movieId"].strip()
    if not value.isdigit():
        raise ValueError(f"bad movieId {value!r}")
    return int(value)


def _fold_link(row: dict[str, str], stats: dict[int, MovieStats]) -> None:
    movie = stats.setdefault(_movie_id(row), MovieStats())
    imdb, tmdb = row["imdbId"].strip(), row["tmdbId"].strip()
    if imdb and not imdb.isdigit() or tmdb and not tmdb.isdigit():
        raise ValueError(f"bad imdbId/tmdbId {imdb!r}/{tmdb!r}")
    movie.imdb_id = f"tt{int(imdb):07d}" if imdb else None
    movie.tmdb_id = int(tmdb) if tmdb else None


def _fold_rating(row: dict[str, str], stats: dict[int, MovieStats]) -> None:
    rating = float(row["rating"])
    if not 0.5 <= rating <= 5.0:
        raise ValueError(f"rating {rating} is outside 0.5-5")
    movie = stats.setdefault(_movie_id(row), MovieStats())
    movie.rating_sum += rating
    movie.rating_count += 1


def _fold_tag(row: dict[str, str], stats: dict[int, MovieStats]) -> None:
    tag = vocab.canonical_keyword(row["tag"])
    if tag:
        stats.setdefault(_movie_id(row), MovieStats()).tags.add(tag)


def _movies(source: TextSource, name: str, *, stats: dict[int, MovieStats]) -> Iterator:
    for line, row in iter_csv(source.text):
        location = Location(name, line)
        try:
            if row is None:
                raise ValueError("wrong number of columns")
            yield _record(row, location, stats)
        except (ValueError, KeyError) as error:
            yield RowError(location, _message(error))


def _record(row: dict[str, str], location: Location, stats: dict[int, MovieStats]) -> FilmRecord:
    movie_id = _movie_id(row)
    title, year, alternates = parse_title(row["title"])
    if not title:
        raise ValueError("missing title")
    movie = stats.get(movie_id, MovieStats())
    ids = {"movielens_id": movie_id, "imdb_id": movie.imdb_id, "tmdb_id": movie.tmdb_id}
    rating = None
    if movie.rating_count:
        # 0.5-5 stars onto the catalog's 0-10 scale.
        rating = round(2 * movie.rating_sum / movie.rating_count, 3)
    return FilmRecord(
        location=location,
        key=movie_id,
        title=title,
        year=year,
        ids={k: v for k, v in ids.items() if v is not None},
        values={"movielens_rating": rating, "movielens_votes": movie.rating_count},
        alt_titles=alternates,
        genres=vocab.unique(vocab.canonical_genre(g) for g in row["genres"].split("|")),
        keywords=sorted(movie.tags),
    )
