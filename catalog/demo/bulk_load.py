"""PostgreSQL bulk-load mode: build secondary indexes and foreign keys once, after the data.

Maintaining ~30 secondary indexes (GIN trigram and full-text ones included) and
checking two foreign keys per credit row while streaming millions of rows is most
of the cost of a big seed. pg_restore's answer applies: drop them, load, recreate
them from their own definitions (`pg_get_indexdef`, `pg_get_constraintdef`), all
inside the caller's transaction, so a failed or interrupted load rolls back to
the original schema. Primary keys and unique constraints stay: they keep the load
honest and other tables' foreign keys depend on them.
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
_FOREIGN_KEYS = """
    SELECT conname, pg_get_constraintdef(oid)
    FROM pg_constraint WHERE conrelid = %s::regclass AND contype = 'f'
    ORDER BY conname
"""


@dataclass(frozen=True)
class Deferred:
    indexes: list[tuple[str, str]]  # (name, CREATE INDEX ...)
    foreign_keys: list[tuple[str, str, str]]  # (table, name, definition)


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
    indexes, foreign_keys = [], []
    with connection.cursor() as cursor:
        # ALTER TABLE refuses while deferred foreign-key checks of earlier statements in
        # this transaction are pending: run them now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for table in tables:
            cursor.execute(_PLAIN_INDEXES, [table])
            indexes.extend(cursor.fetchall())
            cursor.execute(_FOREIGN_KEYS, [table])
            foreign_keys.extend((table, name, sql) for name, sql in cursor.fetchall())
        for name, _ in indexes:
            cursor.execute(f"DROP INDEX {quote(name)}")
        for table, name, _ in foreign_keys:
            cursor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
    return Deferred(indexes, foreign_keys)


def _restore(deferred: Deferred) -> None:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        # Index builds sort; more memory than the 64MB default keeps the sort off disk.
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for _, create_sql in deferred.indexes:
            cursor.execute(create_sql)
        for table, name, definition in deferred.foreign_keys:
            cursor.execute(f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}")
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
