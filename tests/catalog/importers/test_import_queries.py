"""An import costs a fixed number of queries per batch, however many rows the batch holds."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def wikipedia_file(tmp_path, name: str, n: int):
    entries = [
        {
            "title": f"{name} {i}",
            "year": 1950 + i % 50,
            "cast": [f"{name} actor {i}", f"{name} actress {i}"],
            "genres": ["Drama", "Comedy"],
            "href": f"{name}_{i}",
            "extract": f"{name} {i} is a film.",
        }
        for i in range(n)
    ]
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(entries))
    return path


def queries_for(import_catalog, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        import_catalog("wikipedia", path)
    return len(captured)


def test_queries_do_not_grow_with_the_rows_of_a_batch(import_catalog, tmp_path):
    # The first import also creates the genres and the rating baselines: warm those up.
    import_catalog("wikipedia", wikipedia_file(tmp_path, "Warm-up", 1))

    small = queries_for(import_catalog, wikipedia_file(tmp_path, "Short", 10))
    large = queries_for(import_catalog, wikipedia_file(tmp_path, "Long", 100))

    assert large == small
    # Per batch: films by link, by title, alternative titles; slugs taken, insert, ids;
    # genres; links; people by name, their slugs, insert, ids; credits; plus savepoints,
    # on PostgreSQL the deferred search refresh, and the master_score recompute (about
    # 44-46 in all). Well under one query per row either way.
    assert large <= 50


def test_a_rerun_reads_but_writes_nothing(import_catalog, tmp_path):
    path = wikipedia_file(tmp_path, "Film", 50)
    import_catalog("wikipedia", path)

    with CaptureQueriesContext(connection) as captured:
        import_catalog("wikipedia", path)

    writes = [q["sql"] for q in captured if q["sql"].split()[0] in ("INSERT", "UPDATE", "DELETE")]
    assert writes == []
