"""Import a Letterboxd export into one member's account, through reviews.services.

Every row either changes something, changes nothing (already imported: re-imports are
no-ops because the services deduplicate), or becomes a problem reported by file and
line. Nothing is all-or-nothing: one bad row never stops the rest.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction

from catalog.models import Film
from catalog.resolver import resolve_title
from catalog.text import normalise_title
from reviews.letterboxd.archive import (
    HINTS_FILE,
    ArchiveError,
    ExportFiles,
    Row,
    csv_rows,
    parse_list,
)
from reviews.models import FilmList, Review
from reviews.services import (
    favourite_set,
    like_set,
    list_add_item,
    list_create,
    review_create,
    scores_refreshed_once,
    watchlist_add,
)

# Names in an export are canonical, so a match must be close: an unmatched row is
# reported, a wrong match would silently put the wrong film in someone's diary.
MIN_IMPORT_SCORE = 0.85
MAX_PROBLEMS = 1_000
# Our own export names films by their page URL, which we can look up exactly.
OWN_FILM_URI = re.compile(r"^https?://[^/]+/films/(?P<public_id>[^/?#]+)/?$")

T = TypeVar("T")
Progress = Callable[[int, int], None]
# Rows written per transaction: one commit (one fsync on SQLite) per chunk, not per row,
# while progress still becomes visible to the settings page chunk by chunk.
CHUNK = 200


def in_chunks(items: Iterable[T], size: int = CHUNK) -> Iterator[T]:
    """Yield items, each chunk of `size` inside one transaction (rows stay independent:
    a failing row is caught by the caller and never undoes the others)."""
    items = list(items)
    for start in range(0, len(items), size):
        with transaction.atomic(), scores_refreshed_once():
            yield from items[start : start + size]


@dataclass
class ImportReport:
    created: Counter = field(default_factory=Counter)
    unchanged: int = 0
    problems: list[dict] = field(default_factory=list)
    problem_count: int = 0
    skipped_files: list[str] = field(default_factory=list)

    def problem(self, file: str, line: int | None, message: str) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append({"file": file, "line": line, "message": message})

    def as_dict(self) -> dict:
        return {
            "created": dict(self.created),
            "unchanged": self.unchanged,
            "problems": self.problems,
            "problem_count": self.problem_count,
            "skipped_files": self.skipped_files,
        }


class FilmMatcher:
    """Films for (name, year, uri), each distinct title resolved once per import."""

    def __init__(self) -> None:
        self._by_title: dict[tuple[str, int | None], Film | None] = {}
        self.by_uri: dict[str, Film] = {}

    def match(self, name: str, year: int | None, uri: str) -> Film | None:
        film = self._own_film(uri)
        if film is None and name:
            key = (name.strip().lower(), year)
            if key not in self._by_title:
                self._by_title[key] = self._exact(name, year) or self._resolved(name, year)
            film = self._by_title[key]
        if film is not None and uri:
            self.by_uri[uri.strip()] = film
        return film

    @staticmethod
    def _exact(name: str, year: int | None) -> Film | None:
        """The one film with exactly this normalised title and year (an indexed lookup that
        answers most rows of a real export without the fuzzy resolver)."""
        if year is None:
            return None
        found = list(Film.objects.filter(norm_title=normalise_title(name), year=year)[:2])
        return found[0] if len(found) == 1 else None

    @staticmethod
    def _resolved(name: str, year: int | None) -> Film | None:
        candidates = resolve_title(name, year=year, limit=1)
        good = candidates and candidates[0].score >= MIN_IMPORT_SCORE
        return candidates[0].film if good else None

    def _own_film(self, uri: str) -> Film | None:
        found = OWN_FILM_URI.match(uri.strip()) if uri else None
        if not found:
            return None
        return Film.objects.by_public_id(found.group("public_id")).first()


def parse_rating(raw: str) -> Decimal | None:
    """Letterboxd stars (0.5-5) on our 0-10 scale; empty is unrated."""
    raw = raw.strip()
    if not raw:
        return None
    try:
        stars = Decimal(raw)
    except InvalidOperation:
        raise ValueError(f"rating {raw!r} is not a number") from None
    if not stars.is_finite() or not 0 <= stars <= 5 or (stars * 4) % 1:
        raise ValueError(f"rating {raw!r} is not between 0.5 and 5 stars")
    return stars * 2


def parse_year(raw: str) -> int | None:
    raw = raw.strip()
    return int(raw) if raw.isdigit() else None


def parse_date(raw: str) -> dt.date | None:
    raw = raw.strip()
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise ValueError(f"date {raw!r} is not YYYY-MM-DD") from None


def parse_tags(raw: str) -> list[str]:
    return [tag.strip() for tag in raw.split(",") if tag.strip()]


def _error_text(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
    return " ".join(error.messages)


@dataclass
class DiaryEntry:
    file: str
    line: int
    film: Film
    rating: Decimal | None
    watched_on: dt.date | None
    rewatch: bool
    tags: list[str]
    text: str = ""
    uri: str = ""
    merge_key: tuple = ()


class LetterboxdImporter:
    def __init__(self, user, export: ExportFiles, *, progress: Progress | None = None) -> None:
        self.user = user
        self.export = export
        self.report = ImportReport(skipped_files=[name for name, _ in export.skipped])
        self.films = FilmMatcher()
        self.progress = progress or (lambda done, total: None)
        self.done = 0
        self.total = 0
        self.hints = self._read_hints()
        self.claimed_lists: set[int] = set()

    # --- driving ----------------------------------------------------------------------

    def run(self) -> ImportReport:
        tables = {
            name: self._rows(name)
            for name in ("diary.csv", "reviews.csv", "ratings.csv", "watched.csv")
            + ("watchlist.csv", "likes/films.csv", "profile.csv")
        }
        # Our own export's order (the lists' creation order) first, so ids keep that order.
        names = [name for name in self.hints if name in self.export.files]
        names += [name for name in self.export.lists() if name not in names]
        lists = [self._list_file(name) for name in names]
        self.total = sum(len(rows) for rows in tables.values())
        self.total += sum(len(parsed[1].rows) for parsed in lists if parsed)
        self.progress(0, self.total)
        self._import_reviews(tables["diary.csv"], tables["reviews.csv"])
        self._import_ratings(tables["ratings.csv"])
        self._import_watched(tables["watched.csv"])
        self._import_simple("watchlist.csv", tables["watchlist.csv"], self._watchlist_row)
        self._import_simple("likes/films.csv", tables["likes/films.csv"], self._like_row)
        for parsed in lists:
            if parsed:
                self._import_list(*parsed)
        self._import_favourites(tables["profile.csv"])
        self.progress(self.total, self.total)
        return self.report

    def _rows(self, name: str) -> list[Row]:
        text = self.export.files.get(name)
        if text is None:
            return []
        try:
            rows = list(csv_rows(text, name=name))
        except (ArchiveError, ValueError, csv.Error) as error:
            self.report.problem(name, None, f"cannot be read: {error}")
            return []
        needed = {"Name"} if name != "profile.csv" else {"Favorite Films"}
        missing = sorted(needed - set(rows[0].values)) if rows else []
        if missing:
            self.report.problem(name, 1, f"has no {', '.join(missing)} column; file skipped")
            return []
        return rows

    def _list_file(self, name: str):
        try:
            return name, parse_list(self.export.files[name], name=name)
        except (ArchiveError, ValueError, csv.Error) as error:
            self.report.problem(name, None, str(error))
            return None

    def _read_hints(self) -> dict:
        text = self.export.files.get(HINTS_FILE)
        if not text:
            return {}
        try:
            hints = json.loads(text)
        except ValueError:
            self.report.problem(HINTS_FILE, None, "not valid JSON; ignored")
            return {}
        lists = hints.get("lists") if isinstance(hints, dict) else None
        if not isinstance(lists, list):
            return {}
        return {
            entry["file"]: entry
            for entry in lists
            if isinstance(entry, dict) and isinstance(entry.get("file"), str)
        }

    def _step(self) -> None:
        self.done += 1
        if self.done % 25 == 0:
            self.progress(self.done, self.total)

    def _film_for(self, file: str, row: Row, *, uri_column: str = "Letterboxd URI"):
        name = row.values.get("Name", "").strip()
        year = parse_year(row.values.get("Year", ""))
        film = self.films.match(name, year, row.values.get(uri_column, ""))
        if film is None:
            shown = f"{name!r} ({year})" if year else repr(name)
            self.report.problem(file, row.line, f"no film in the catalog matches {shown}")
        return film

    # --- diary, reviews, ratings, watched ------------------------------------------------

    def _entry(self, file: str, row: Row) -> DiaryEntry | None:
        values = row.values
        try:
            rating = parse_rating(values.get("Rating", ""))
            watched_on = parse_date(values.get("Watched Date", ""))
        except ValueError as error:
            self.report.problem(file, row.line, str(error))
            return None
        film = self._film_for(file, row)
        if film is None:
            return None
        return DiaryEntry(
            file=file,
            line=row.line,
            film=film,
            rating=rating,
            watched_on=watched_on,
            rewatch=values.get("Rewatch", "").strip().lower() == "yes",
            tags=parse_tags(values.get("Tags", "")),
            text=values.get("Review", ""),
            uri=values.get("Letterboxd URI", "").strip(),
            merge_key=(film.pk, watched_on, rating),
        )

    def _import_reviews(self, diary_rows: list[Row], review_rows: list[Row]) -> None:
        entries: list[DiaryEntry] = []
        for row in diary_rows:
            entry = self._entry("diary.csv", row)
            if entry:
                entries.append(entry)
            else:
                self._step()
        for row in review_rows:
            review = self._entry("reviews.csv", row)
            if review is None:
                self._step()
                continue
            diary = self._diary_entry_for(entries, review)
            if diary is None:
                entries.append(review)
                continue
            # The review belongs to that diary entry: one review, not two.
            diary.text = review.text
            diary.tags = diary.tags or review.tags
            self._step()
        for entry in in_chunks(entries):
            self._write_review(entry)
            self._step()

    @staticmethod
    def _diary_entry_for(entries: list[DiaryEntry], review: DiaryEntry) -> DiaryEntry | None:
        diary = [e for e in entries if e.file == "diary.csv" and not e.text]
        for entry in diary:
            if review.uri and entry.uri == review.uri and entry.merge_key == review.merge_key:
                return entry
        for entry in diary:
            if entry.merge_key == review.merge_key:
                return entry
        return None

    def _write_review(self, entry: DiaryEntry) -> None:
        try:
            outcome = review_create(
                user=self.user,
                film=entry.film,
                rating=entry.rating,
                text=entry.text,
                watched_on=entry.watched_on,
                rewatch=entry.rewatch,
                tags=entry.tags,
                source=Review.Source.IMPORT,
            )
        except ValidationError as error:
            self.report.problem(entry.file, entry.line, _error_text(error))
            return
        if outcome.deduplicated:
            self.report.unchanged += 1
        else:
            self.report.created["reviews"] += 1

    def _import_ratings(self, rows: list[Row]) -> None:
        for row in in_chunks(rows):
            self._step()
            entry = self._entry("ratings.csv", row)
            if entry is None or entry.rating is None:
                continue
            # A rating already on one of the film's logs is that log's rating, not a new one.
            logged = Review.objects.filter(user=self.user, film=entry.film, rating=entry.rating)
            if logged.exists():
                self.report.unchanged += 1
                continue
            entry.watched_on, entry.text, entry.tags, entry.rewatch = None, "", [], False
            self._write_review(entry)

    def _import_watched(self, rows: list[Row]) -> None:
        for row in in_chunks(rows):
            self._step()
            film = self._film_for("watched.csv", row)
            if film is None:
                continue
            if Review.objects.filter(user=self.user, film=film).exists():
                self.report.unchanged += 1
                continue
            self._write_review(DiaryEntry("watched.csv", row.line, film, None, None, False, []))

    # --- watchlist, likes, favourites -------------------------------------------------------

    def _import_simple(self, file: str, rows: list[Row], write: Callable[[Film], bool]) -> None:
        # Oldest first, so "most recently added first" keeps the export's order.
        for row in in_chunks(sorted(rows, key=lambda r: r.values.get("Date", ""))):
            self._step()
            film = self._film_for(file, row)
            if film is None:
                continue
            if write(film):
                self.report.created[file.removesuffix(".csv").replace("likes/films", "likes")] += 1
            else:
                self.report.unchanged += 1

    def _watchlist_row(self, film: Film) -> bool:
        return watchlist_add(user=self.user, film=film)[1]

    def _like_row(self, film: Film) -> bool:
        return like_set(user=self.user, film=film, liked=True)

    def _import_favourites(self, rows: list[Row]) -> None:
        for row in rows[:1]:
            self._step()
            uris = [u.strip() for u in row.values.get("Favorite Films", "").split(",")]
            for uri in filter(None, uris):
                film = self.films.by_uri.get(uri) or self.films.match("", None, uri)
                if film is None:
                    self.report.problem(
                        "profile.csv", row.line, f"favourite film {uri} is not in the export"
                    )
                elif favourite_set(user=self.user, film=film, favourite=True):
                    self.report.created["favourites"] += 1
                else:
                    self.report.unchanged += 1
        for _ in rows[1:]:
            self._step()

    # --- lists ----------------------------------------------------------------------------

    def _import_list(self, file: str, parsed) -> None:
        if not parsed.name:
            self.report.problem(file, 3, "the list has no name")
            return
        # Two files may carry the same list name; each takes its own list, in id order.
        film_list = (
            FilmList.objects.filter(user=self.user, name=parsed.name[:200])
            .exclude(pk__in=self.claimed_lists)
            .order_by("id")
            .first()
        )
        if film_list is None:
            hint = self.hints.get(file, {})
            visibility = hint.get("visibility", FilmList.Visibility.PRIVATE)
            if visibility not in FilmList.Visibility.values:
                visibility = FilmList.Visibility.PRIVATE
            film_list = list_create(
                user=self.user,
                name=parsed.name[:200],
                description=parsed.description[:10_000],
                visibility=visibility,
                ranked=bool(hint.get("ranked", parsed.has_positions)),
            )
            self.report.created["lists"] += 1
        self.claimed_lists.add(film_list.pk)
        rows = parsed.rows
        if parsed.has_positions:
            rows = sorted(rows, key=_position)
        for row in in_chunks(rows):
            self._step()
            film = self._film_for(file, row, uri_column="URL")
            if film is None:
                continue
            try:
                _, created = list_add_item(
                    film_list=film_list, film=film, note=row.values.get("Description", "")
                )
            except ValidationError as error:
                self.report.problem(file, row.line, _error_text(error))
                continue
            if created:
                self.report.created["list_items"] += 1
            else:
                self.report.unchanged += 1


def _position(row: Row) -> int:
    raw = row.values.get("Position", "").strip()
    return int(raw) if raw.isdigit() else 10**9


def import_letterboxd(user, export: ExportFiles, *, progress: Progress | None = None):
    return LetterboxdImporter(user, export, progress=progress).run()
