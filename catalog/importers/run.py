"""The entry point behind `manage.py import_catalog`: pick the format, import, rescore."""

from __future__ import annotations

from pathlib import Path

from django.db import connection, transaction

from catalog.fulltext import deferred_search
from catalog.importers import imdb, movielens, tmdb, wikipedia
from catalog.importers.pipeline import Console, ImportUsageError, import_file
from catalog.importers.report import Summary
from catalog.scoring import recompute_scores

FORMATS = ("wikipedia", "movielens", "imdb", "tmdb")


def run_import(fmt: str, paths: list[Path], *, console: Console, rescore: bool = True) -> Summary:
    if fmt not in FORMATS:
        raise ImportUsageError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    for path in paths:
        if not path.exists():
            raise ImportUsageError(f"{path} does not exist")
    if connection.vendor == "postgresql":
        # One transaction for the run: the search-document triggers stand aside and every
        # document is rebuilt once at the end, instead of once per batch of credits. A run
        # that changed nothing rolls back instead, skipping that catalog-wide rebuild.
        try:
            with transaction.atomic(), deferred_search():
                summaries = _import(fmt, paths, console)
                if not _changed(summaries):
                    raise _NothingChanged(summaries)
        except _NothingChanged as nothing:
            summaries = nothing.summaries
    else:
        # SQLite keeps a transaction per batch: inside one long transaction each batch
        # would be a savepoint, and the FTS5 search index flushes at every savepoint,
        # which made a 14,000-film import three times slower.
        summaries = _import(fmt, paths, console)
    total = Summary.total(fmt, summaries)
    if rescore and _changed(summaries):
        recompute_scores()
    return total


class _NothingChanged(Exception):
    def __init__(self, summaries: list[Summary]) -> None:
        super().__init__()
        self.summaries = summaries


def _changed(summaries: list[Summary]) -> bool:
    return any(s.counts["created"] or s.counts["updated"] for s in summaries)


def _import(fmt: str, paths: list[Path], console: Console) -> list[Summary]:
    if fmt == "wikipedia":
        return _json_files(wikipedia, paths, console)
    if fmt == "tmdb":
        return _json_files(tmdb, paths, console)
    if fmt == "movielens":
        return movielens.import_folders(paths, console=console)
    return imdb.import_dumps(paths, console=console)


def _json_files(module, paths: list[Path], console: Console) -> list[Summary]:
    files = _expand(
        paths, ("*.json", "*.json.gz", "*.ndjson", "*.ndjson.gz", "*.jsonl", "*.jsonl.gz")
    )
    if not files:
        raise ImportUsageError("no JSON files found in the given paths")
    writer = module.writer()  # one writer: an entry repeated in another file still merges
    return [
        import_file(f, label=module.SOURCE, parse=module.parse, write=writer.write, console=console)
        for f in files
    ]


def _expand(paths: list[Path], patterns: tuple[str, ...]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted({f for pattern in patterns for f in path.glob(pattern)}))
        else:
            files.append(path)
    return files
