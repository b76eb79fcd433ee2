"""Feeding one file's records to the writer in bounded batches, with progress and a summary."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from catalog.importers.batching import chunked
from catalog.importers.records import FilmRecord, Location, RowError
from catalog.importers.report import Summary
from catalog.importers.sources import SourceError, TextSource, open_source
from catalog.progress import Progress

BATCH_SIZE = 1000


class ImportUsageError(Exception):
    """Paths that cannot be imported at all (a missing file): nothing was written."""


@dataclass
class Console:
    """Where an import speaks: progress and the summary to `out`, bad rows to `err`."""

    out: TextIO
    err: TextIO
    progress_every: float = 5.0

    def progress(self, label: str, source: TextSource) -> Progress:
        """A bar over the file's bytes on disk (gzip or not), as rows are not known up front."""
        return Progress(
            f"{label} (KiB)",
            total=_kib(source.size),
            stream=self.out,
            every_seconds=self.progress_every,
        )

    def report(self, error: RowError, summary: Summary) -> None:
        summary.error(error)
        self.err.write(f"{error}\n")


Parser = Callable[[TextSource, str], Iterator[FilmRecord | RowError | None]]
Writer = Callable[[list], list[str]]


def import_file(
    path: Path,
    *,
    label: str,
    parse: Parser,
    write: Writer,
    console: Console,
    batch_size: int = BATCH_SIZE,
) -> Summary:
    """Parse `path` row by row and write in batches; a broken file stops there, not the import."""
    summary = Summary(f"{label} {path.name}")
    with open_source(path) as source, console.progress(summary.label, source) as progress:
        rows = _errors_reported(parse(source, path.name), path.name, summary, console)
        for batch in chunked(rows, batch_size):
            for outcome in write(batch):
                summary.count(outcome)
            progress.advance(_kib(source.position()) - progress.done)
    console.out.write(summary.line() + "\n")
    return summary


def _errors_reported(
    rows: Iterator[FilmRecord | RowError], name: str, summary: Summary, console: Console
) -> Iterator:
    """The good rows; bad ones are reported on the way, and a file that breaks off ends here."""
    try:
        for row in rows:
            if row is None:  # a row the format says to leave out (an IMDb TV episode)
                summary.count("skipped")
            elif isinstance(row, RowError):
                console.report(row, summary)
            else:
                yield row
    except SourceError as error:
        console.report(RowError(Location(name, error.line), error.message), summary)
    except UnicodeDecodeError as error:
        console.report(RowError(Location(name, 0), f"not UTF-8 text: {error.reason}"), summary)


def _kib(size: int) -> int:
    return max(size // 1024, 1)
