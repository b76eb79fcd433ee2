"""Streaming readers for the files importers take: gzipped or plain, line numbers kept.

Every reader yields `(line, row)` so a bad row can be reported as `file:line`, and
never holds more than a bounded buffer of the file in memory.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, TypeVar

from catalog.importers.records import Location, RowError

Record = TypeVar("Record")

_CHUNK = 1 << 20
# A single JSON value bigger than this is treated as a broken file, not buffered forever.
_MAX_VALUE_CHARS = 64 << 20


class SourceError(Exception):
    """A file that cannot be read past this point (broken JSON, missing header)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class TextSource:
    """An open text file (gunzipped on the fly) that knows how far through the raw bytes it is."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.size = max(path.stat().st_size, 1)
        self._raw: IO[bytes] = path.open("rb")
        binary: IO[bytes] = self._raw
        if self._raw.read(2) == b"\x1f\x8b":
            binary = gzip.GzipFile(fileobj=self._raw, mode="rb")
        self._raw.seek(0)
        # newline="" keeps "\r\n" intact for csv and line counting alike.
        self.text = io.TextIOWrapper(binary, encoding="utf-8", newline="")

    def position(self) -> int:
        """Bytes of the file on disk consumed so far (drives the progress bar)."""
        return self._raw.tell()

    def close(self) -> None:
        self.text.close()
        self._raw.close()


@contextmanager
def open_source(path: Path) -> Iterator[TextSource]:
    source = TextSource(path)
    try:
        yield source
    finally:
        source.close()


def iter_json_values(stream: IO[str]) -> Iterator[tuple[int, Any]]:
    """The values of a JSON array, one at a time; or each line of NDJSON; or one object.

    A file starting with `[` is read as an array without loading it whole. A file
    whose first line is a whole JSON value is NDJSON: a broken line yields a
    `SourceError` in place of its value and the next lines still count. Anything
    else is one (pretty-printed) value, as TMDB's one-object-per-file exports are.
    """
    first_line = stream.readline()
    number = 1
    while first_line and not first_line.strip():
        first_line, number = stream.readline(), number + 1
    if not first_line:
        return
    if not first_line.lstrip().startswith("["):
        try:
            value = json.loads(first_line)
        except json.JSONDecodeError:
            pass
        else:
            yield number, value
            yield from _ndjson_lines(stream, number + 1)
            return
    reader = _JsonReader(_Prepended(first_line, stream))
    reader.line = number
    if reader.peek() == "[":
        reader.take()
        yield from reader.array_items()
    else:
        yield from reader.sequence()


def _ndjson_lines(stream: IO[str], start: int) -> Iterator[tuple[int, Any]]:
    for number, line in enumerate(stream, start=start):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as error:
            yield number, SourceError(number, f"invalid JSON: {error.msg}")


class _Prepended:
    """A text stream with a line already read put back in front."""

    def __init__(self, head: str, stream: IO[str]) -> None:
        self.head = head
        self.stream = stream

    def read(self, size: int = -1) -> str:
        if self.head:
            head, self.head = self.head, ""
            return head
        return self.stream.read(size)


class _JsonReader:
    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.buf = ""
        self.pos = 0
        self.line = 1
        self.eof = False
        self.decoder = json.JSONDecoder()

    def _fill(self) -> bool:
        if self.eof:
            return False
        chunk = self.stream.read(_CHUNK)
        if not chunk:
            self.eof = True
            return False
        self.buf = self.buf[self.pos :] + chunk
        self.pos = 0
        return True

    def _advance(self, end: int) -> None:
        self.line += self.buf.count("\n", self.pos, end)
        self.pos = end

    def peek(self) -> str:
        """The next non-blank character ("" at the end of the file)."""
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in " \t\r\n":
                if self.buf[self.pos] == "\n":
                    self.line += 1
                self.pos += 1
            if self.pos < len(self.buf) or not self._fill():
                return self.buf[self.pos] if self.pos < len(self.buf) else ""

    def take(self) -> None:
        self.pos += 1

    def value(self) -> Any:
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as error:
                if len(self.buf) - self.pos > _MAX_VALUE_CHARS or not self._fill():
                    line = self.line + self.buf.count("\n", self.pos, error.pos)
                    raise SourceError(line, f"invalid JSON: {error.msg}") from None
                continue
            # A number at the very end of the buffer may continue in the next chunk.
            if end == len(self.buf) and not self.eof and self._fill():
                continue
            self._advance(end)
            return value

    def array_items(self) -> Iterator[tuple[int, Any]]:
        if self.peek() == "]":
            return
        while True:
            if self.peek() == "":
                raise SourceError(self.line, "the JSON array is not closed")
            line = self.line
            yield line, self.value()
            separator = self.peek()
            self.take()
            if separator == "]":
                return
            if separator != ",":
                raise SourceError(
                    self.line, f"expected ',' or ']' in the JSON array, got {separator!r}"
                )

    def sequence(self) -> Iterator[tuple[int, Any]]:
        while self.peek() != "":
            line = self.line
            yield line, self.value()


def iter_csv(stream: IO[str]) -> Iterator[tuple[int, dict[str, str] | None]]:
    """Rows of a CSV file with a header, as dicts; `None` for a row with the wrong column count."""
    reader = csv.reader(stream)
    header = next(reader, None)
    if not header:
        raise SourceError(1, "empty file, expected a header row")
    width = len(header)
    for row in reader:
        if not row:
            continue
        yield reader.line_num, (dict(zip(header, row, strict=True)) if len(row) == width else None)


def iter_tsv(stream: IO[str]) -> Iterator[tuple[int, dict[str, str | None] | None]]:
    """IMDb's TSV: no quoting at all (QUOTE_NONE), `\\N` for null, a header row."""
    header_line = stream.readline()
    if not header_line.strip():
        raise SourceError(1, "empty file, expected a header row")
    header = header_line.rstrip("\r\n").split("\t")
    width = len(header)
    for number, line in enumerate(stream, start=2):
        text = line.rstrip("\r\n")
        if not text:
            continue
        cells = text.split("\t")
        if len(cells) != width:
            yield number, None
            continue
        values = (None if cell == "\\N" else cell for cell in cells)
        yield number, dict(zip(header, values, strict=True))


def parse_json_records(
    source: TextSource, name: str, build: Callable[[Any, Location], Record]
) -> Iterator[Record | RowError]:
    """Each JSON value of a file (array or NDJSON) built into a record, or reported where bad."""
    for line, entry in iter_json_values(source.text):
        location = Location(name, line)
        if isinstance(entry, SourceError):
            yield RowError(location, entry.message)
            continue
        try:
            yield build(entry, location)
        except (ValueError, TypeError) as error:
            yield RowError(location, str(error))
