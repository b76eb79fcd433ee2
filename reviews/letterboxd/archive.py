"""Reading a Letterboxd export (a zip, a folder or loose CSVs) without trusting it.

Nothing is ever extracted to disk: members are read into memory by name, so a path
like `../../etc/passwd` can only ever be a name we skip. Sizes are enforced while
reading, not taken from the zip's (forgeable) headers, which stops zip bombs.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

MAX_UPLOAD_BYTES = 25 * 1024 * 1024
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_TOTAL_BYTES = 100 * 1024 * 1024
MAX_MEMBERS = 5_000
MAX_ROWS_PER_FILE = 200_000
LIST_HEADER = "Letterboxd list export v7"
ROOT_FILES = {
    "profile.csv",
    "diary.csv",
    "reviews.csv",
    "ratings.csv",
    "watched.csv",
    "watchlist.csv",
}
IGNORED_FOLDERS = {"deleted", "orphaned"}
# What Letterboxd's CSVs cannot say (list visibility, ranked or not), from our own export.
HINTS_FILE = "reelbase.json"


class ArchiveError(Exception):
    """The upload as a whole cannot be read (not a zip, too big, a bomb)."""


@dataclass
class ExportFiles:
    """The recognised CSVs of one export, as text, keyed by canonical name."""

    files: dict[str, str] = field(default_factory=dict)  # "diary.csv", "lists/top-10.csv"
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (name, why)

    def lists(self) -> list[str]:
        return sorted(name for name in self.files if name.startswith("lists/"))


def canonical_name(name: str) -> str | None:
    """`export-2024/diary.csv` -> `diary.csv`; None for anything we do not import."""
    path = PurePosixPath(name.replace("\\", "/"))
    parts = [p for p in path.parts if p not in ("", ".")]
    if not parts or path.is_absolute() or ".." in parts or name.startswith(("/", "\\")):
        return None
    if any(part.lower() in IGNORED_FOLDERS for part in parts[:-1]):
        return None
    leaf = parts[-1].lower()
    parent = parts[-2].lower() if len(parts) > 1 else ""
    if leaf == HINTS_FILE and not parent:
        return HINTS_FILE
    if not leaf.endswith(".csv"):
        return None
    if parent == "likes":
        return "likes/films.csv" if leaf == "films.csv" else None
    if parent == "lists":
        return f"lists/{parts[-1]}"
    return leaf if leaf in ROOT_FILES else None


def decode(data: bytes, name: str) -> str:
    try:
        # utf-8-sig drops the byte-order mark Excel-saved files start with.
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ArchiveError(f"{name} is not UTF-8 text (byte {error.start}).") from None


def _read_capped(handle, limit: int, name: str) -> bytes:
    data = handle.read(limit + 1)
    if len(data) > limit:
        raise ArchiveError(f"{name} is larger than {limit // (1024 * 1024)} MB.")
    return data


def read_zip(data: bytes) -> ExportFiles:
    if len(data) > MAX_UPLOAD_BYTES:
        raise ArchiveError(f"The upload is larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ArchiveError("The file is not a zip archive.") from None
    export = ExportFiles()
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise ArchiveError(f"The archive holds more than {MAX_MEMBERS} files.")
    total = 0
    for member in members:
        if member.is_dir():
            continue
        name = canonical_name(member.filename)
        if name is None:
            export.skipped.append((member.filename, "not part of a Letterboxd export"))
            continue
        try:
            with archive.open(member) as handle:
                content = _read_capped(handle, MAX_FILE_BYTES, member.filename)
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError) as error:
            raise ArchiveError(f"{member.filename} cannot be read: {error}") from None
        total += len(content)
        if total > MAX_TOTAL_BYTES:
            raise ArchiveError(f"The archive unpacks to more than {MAX_TOTAL_BYTES // 2**20} MB.")
        export.files[name] = decode(content, member.filename)
    return export


def read_csv_files(named: dict[str, bytes]) -> ExportFiles:
    """Loose CSVs (an upload of several files): named by their file names."""
    export = ExportFiles()
    for filename, data in named.items():
        if len(data) > MAX_FILE_BYTES:
            raise ArchiveError(f"{filename} is larger than {MAX_FILE_BYTES // 2**20} MB.")
        text = decode(data, filename)
        name = canonical_name(filename)
        if text.lstrip().startswith(LIST_HEADER):
            name = f"lists/{PurePosixPath(filename.replace(chr(92), '/')).name}"
        elif name is None and filename.lower().endswith("films.csv"):
            name = "likes/films.csv"
        if name is None:
            export.skipped.append((filename, "not part of a Letterboxd export"))
            continue
        export.files[name] = text
    return export


def read_path(path: Path) -> ExportFiles:
    """A zip, an unpacked export folder, or one CSV on disk (the management command)."""
    if path.is_dir():
        named = {}
        for file in sorted([*path.rglob("*.csv"), *path.glob(HINTS_FILE)]):
            relative = file.relative_to(path).as_posix()
            if canonical_name(relative) is None:
                continue
            if file.stat().st_size > MAX_FILE_BYTES:
                raise ArchiveError(f"{relative} is larger than {MAX_FILE_BYTES // 2**20} MB.")
            named[relative] = file.read_bytes()
        export = read_csv_files(named)
        return export
    if path.stat().st_size > MAX_UPLOAD_BYTES:
        raise ArchiveError(f"{path.name} is larger than {MAX_UPLOAD_BYTES // 2**20} MB.")
    data = path.read_bytes()
    if zipfile.is_zipfile(io.BytesIO(data)):
        return read_zip(data)
    return read_csv_files({path.name: data})


def bundle(files: dict[str, bytes]) -> bytes:
    """Several uploaded files as one zip (how an upload of loose CSVs is stored)."""
    if len(files) == 1:
        ((name, data),) = files.items()
        if zipfile.is_zipfile(io.BytesIO(data)):
            return data
    export = read_csv_files(files)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in export.files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


@dataclass
class Row:
    line: int
    values: dict[str, str]


def csv_rows(text: str, *, name: str) -> Iterator[Row]:
    """Rows as dicts with the line each starts on (quoted values may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] | None = None
    start = 1
    for count, record in enumerate(reader):
        if count > MAX_ROWS_PER_FILE:
            raise ArchiveError(f"{name} has more than {MAX_ROWS_PER_FILE:,} rows.")
        line, start = start, reader.line_num + 1
        if header is None:
            header = [column.strip() for column in record]
            continue
        if not any(value.strip() for value in record):
            continue
        yield Row(line, dict(zip(header, record, strict=False)))


def _physical_lines(text: str) -> list[str]:
    # Only newlines end a line here, as for the csv module (not str.splitlines' U+2028 & co).
    return [line for line in re.split(r"(?<=\n)", text) if line]


@dataclass
class ListFile:
    name: str
    description: str
    tags: str
    rows: list[Row]
    has_positions: bool


def parse_list(text: str, *, name: str) -> ListFile:
    """The v7 layout: a title line, a one-row list header, a blank line, then the films."""
    lines = _physical_lines(text)
    if not lines or lines[0].strip() != LIST_HEADER:
        raise ArchiveError(f"{name} does not start with '{LIST_HEADER}'.")
    body = "".join(lines[1:])
    reader = csv.reader(io.StringIO(body, newline=""))
    try:
        header = [c.strip() for c in next(reader)]
        meta = dict(zip(header, next(reader), strict=False))
    except StopIteration:
        raise ArchiveError(f"{name} has no list header row.") from None
    offset = reader.line_num + 1  # lines consumed after the title line
    rest = _physical_lines(body)[reader.line_num :]
    while rest and not rest[0].strip():
        rest, offset = rest[1:], offset + 1
    rows = list(csv_rows("".join(rest), name=name))
    for row in rows:
        row.line += offset
    has_positions = bool(rest) and "Position" in rest[0]
    return ListFile(
        name=meta.get("Name", "").strip(),
        description=meta.get("Description", ""),
        tags=meta.get("Tags", ""),
        rows=rows,
        has_positions=has_positions,
    )
