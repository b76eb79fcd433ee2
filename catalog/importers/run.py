"""The entry point behind `manage.py import_catalog`: pick the format, import, rescore."""

from __future__ import annotations

from pathlib import Path

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
    if fmt == "wikipedia":
        summaries = _json_files(wikipedia, paths, console)
    elif fmt == "tmdb":
        summaries = _json_files(tmdb, paths, console)
    elif fmt == "movielens":
        summaries = movielens.import_folders(paths, console=console)
    else:
        summaries = imdb.import_dumps(paths, console=console)
    total = Summary.total(fmt, summaries)
    if rescore:
        recompute_scores()
    return total


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
