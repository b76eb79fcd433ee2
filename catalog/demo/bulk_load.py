"""PostgreSQL bulk-load mode: build secondary indexes and foreign keys once, after the data.

Maintaining ~30 secondary indexes (GIN trigram and full-text ones included) and
checking two foreign keys per credit row while streaming millions of rows is most
of the cost of a big seed. pg_restore's answer applies: drop them, load, recreate
them from their own definitions (`pg_get_indexdef`, `pg_get_constraintdef`), all
inside the caller's transaction, so a failed or interrupted load rolls back to
the original schema. Unique constraints go too and are checked when they are
rebuilt (a duplicate fails the whole seed); primary keys, and any unique
constraint a foreign key points at, stay.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection
from django.db.models import Model

_PLAIN_INDEXES = """
    SELECT c.relname, pg_get_indexdef(i.indexrelid)
    FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
    WHERE i.indrelid = %s::regclass
      AND NOT i.indisunique
      AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
    ORDER BY c.relname
"""
# Unique constraints no foreign key leans on, then foreign keys: rebuilt in this order.
_CONSTRAINTS = """
    SELECT conname, pg_get_constraintdef(k.oid)
    FROM pg_constraint k
    WHERE k.conrelid = %s::regclass AND (
        k.contype = 'f' OR (k.contype = 'u' AND NOT EXISTS (
            SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid = k.conindid)))
    ORDER BY k.contype = 'f', conname
"""


@dataclass(frozen=True)
class Deferred:
    indexes: list[tuple[str, str]]  # (name, CREATE INDEX ...)
    constraints: list[tuple[str, str, str]]  # (table, name, definition), in creation order


@contextmanager
def deferred_indexes(models: list[type[Model]]) -> Iterator[Deferred | None]:
    """Within a transaction: drop these tables' plain indexes and foreign keys, and
    recreate them when the block ends without an error. A no-op off PostgreSQL."""
    if connection.vendor != "postgresql":
        yield None
        return
    if not connection.in_atomic_block:
        raise RuntimeError("deferred_indexes() must run inside transaction.atomic()")
    deferred = _drop([m._meta.db_table for m in models])
    yield deferred
    _restore(deferred)


def _drop(tables: list[str]) -> Deferred:
    quote = connection.ops.quote_name
    indexes, constraints = [], []
    with connection.cursor() as cursor:
        # ALTER TABLE refuses while deferred foreign-key checks of earlier statements in
        # this transaction are pending: run them now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        # The closing set-based UPDATEs (search documents) group millions of credits by
        # film: with the 4MB default that hash aggregate spills to disk.
        cursor.execute("SET LOCAL work_mem = '256MB'")
        for table in tables:
            cursor.execute(_PLAIN_INDEXES, [table])
            indexes.extend(cursor.fetchall())
            cursor.execute(_CONSTRAINTS, [table])
            constraints.extend((table, name, sql) for name, sql in cursor.fetchall())
        constraints.sort(key=lambda c: not c[2].startswith("UNIQUE"))
        for name, _ in indexes:
            cursor.execute(f"DROP INDEX {quote(name)}")
        for table, name, _ in reversed(constraints):
            cursor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
    return Deferred(indexes, constraints)


def _restore(deferred: Deferred) -> None:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        # Index builds sort (b-tree) or accumulate (GIN) in this memory; with the 64MB default
        # an 8M-row credit index or a million-title trigram index goes through temp files.
        cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
        for table, name, definition in deferred.constraints:
            cursor.execute(f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}")
        for _, create_sql in deferred.indexes:
            cursor.execute(create_sql)
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # back to Django's default


def analyze(models: list[type[Model]]) -> None:
    """Fresh planner statistics after a bulk load. The dead film rows the closing
    full-table UPDATEs leave (search documents, scores) are autovacuum's job: a VACUUM
    here would add a minute to a million-film seed for no visible gain."""
    if connection.vendor != "postgresql":
        return
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {quote(model._meta.db_table)}")
