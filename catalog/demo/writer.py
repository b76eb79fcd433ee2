"""Stores generated rows: COPY on PostgreSQL, executemany elsewhere.

COPY streams rows straight into the table without an INSERT statement per batch
of parameters; it is what makes a million films in minutes possible. SQLite (the
embedded default, a few thousand films) gets one executemany per table and batch.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from django.core.management.color import no_style
from django.db import connection
from django.db.models import DateField, Field, JSONField, Model


class RowWriter:
    def __init__(self) -> None:
        self.postgres = connection.vendor == "postgresql"

    def write(self, model: type[Model], fields: Sequence[str], rows: list[tuple]) -> None:
        """Insert `rows`, tuples of values for `fields` (field names or attnames like film_id)."""
        if not rows:
            return
        columns = _columns(model, fields)
        if self.postgres:
            self._copy(model, columns, rows)
        else:
            self._insert(model, columns, rows)

    def _copy(self, model: type[Model], columns: list[Field], rows: list[tuple]) -> None:
        json_positions = [i for i, f in enumerate(columns) if isinstance(f, JSONField)]
        with connection.cursor() as cursor, cursor.copy(_statement("COPY", model, columns)) as copy:
            for row in rows:
                if json_positions:
                    row = list(row)
                    for i in json_positions:
                        row[i] = json.dumps(row[i])
                copy.write_row(row)

    def _insert(self, model: type[Model], columns: list[Field], rows: list[tuple]) -> None:
        # Plain executemany: bulk_create builds a model instance per row, several times slower.
        # Dates and JSON still go through the field so they are stored the way the ORM reads them.
        prepared = [(i, f) for i, f in enumerate(columns) if isinstance(f, DateField | JSONField)]
        if prepared:
            rows = [_prepare(row, prepared) for row in rows]
        with connection.cursor() as cursor:
            cursor.executemany(_statement("INSERT", model, columns), rows)

    def reset_sequences(self, *models: type[Model]) -> None:
        """After inserting explicit ids, make the next ORM insert continue after them."""
        statements = connection.ops.sequence_reset_sql(no_style(), list(models))
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def _columns(model: type[Model], fields: Sequence[str]) -> list[Field]:
    by_name = {}
    for f in model._meta.concrete_fields:
        by_name[f.name] = by_name[f.attname] = f
    return [by_name[name] for name in fields]


def _statement(kind: str, model: type[Model], columns: list[Field]) -> str:
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(f.column) for f in columns)
    if kind == "COPY":
        return f"COPY {table} ({names}) FROM STDIN"
    placeholders = ", ".join(["%s"] * len(columns))
    # Table and column names come from model metadata, never from input.
    return f"INSERT INTO {table} ({names}) VALUES ({placeholders})"  # noqa: S608


def _prepare(row: tuple, prepared: list[tuple[int, Field]]) -> list:
    values = list(row)
    for i, f in prepared:
        values[i] = f.get_db_prep_save(values[i], connection)
    return values
