"""Plain multi-row INSERTs for the importers' hot paths.

Django's bulk_create prepares every value through the field API and, on SQLite,
splits inserts into statements of at most 999 parameters (about 140 credits
each); profiling the Wikipedia import showed two thirds of its time there. Here
each row is converted only where the field type needs it (dates, JSON) and the
whole batch goes through one `executemany` on SQLite, or one COPY on
PostgreSQL (where executemany would still be a statement per row).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import connection, models
from django.utils import timezone

from catalog.importers.slugs import assign_unique_slugs

# Values of these field types go to the driver as they are.
_PLAIN = (
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.FloatField,
    models.BooleanField,
    models.ForeignKey,
)


def insert_objects(model: type[models.Model], objects: Sequence[models.Model]) -> None:
    """INSERT `objects` (without primary keys) in one round of executemany."""
    if not objects:
        return
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    converters = [None if _is_plain(f) else f for f in fields]
    rows = (
        [
            getattr(obj, field.attname)
            if converter is None
            else converter.get_db_prep_save(getattr(obj, field.attname), connection)
            for field, converter in zip(fields, converters, strict=True)
        ]
        for obj in objects
    )
    insert_rows(model, [f.column for f in fields], rows)


def insert_rows(
    model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence]
) -> None:
    rows = list(rows)
    if not rows:
        return
    if connection.vendor == "postgresql":
        _copy_rows(model, columns, rows)
        return
    quote = connection.ops.quote_name
    # Table and column names come from model metadata, never from input.
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
        quote(model._meta.db_table),
        ", ".join(quote(c) for c in columns),
        ", ".join(["%s"] * len(columns)),
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _copy_rows(model: type[models.Model], columns: Sequence[str], rows: list[Sequence]) -> None:
    """PostgreSQL: one COPY FROM STDIN; executemany there would still send a statement per row."""
    quote = connection.ops.quote_name
    sql = "COPY {} ({}) FROM STDIN".format(
        quote(model._meta.db_table), ", ".join(quote(c) for c in columns)
    )
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)


def fetch_pks(model: type[models.Model], objects: Sequence[models.Model]) -> None:
    """Give freshly inserted objects their primary keys, found by their unique slug."""
    by_slug = {obj.slug: obj for obj in objects}
    for start in range(0, len(objects), 2000):
        chunk = [obj.slug for obj in objects[start : start + 2000]]
        for slug, pk in model.objects.filter(slug__in=chunk).values_list("slug", "pk"):
            obj = by_slug[slug]
            obj.pk = pk
            obj._state.adding = False


def _is_plain(field: models.Field) -> bool:
    # FileField is a CharField underneath but holds a FieldFile; JSONField needs dumping.
    return isinstance(field, _PLAIN) and not isinstance(field, models.FileField | models.JSONField)


def save_imported(
    model: type[models.Model],
    new: Sequence[models.Model],
    snapshots: Iterable[tuple[models.Model, dict]],
    fields: Sequence[str],
    *,
    batch_size: int,
) -> None:
    """Insert `new` objects (unique slugs, derived fields, timestamps) and bulk-update those
    of `snapshots` (object, its values before the import) whose `fields` changed."""
    now = timezone.now()
    if new:
        for obj in new:
            obj.fill_derived_fields()
        assign_unique_slugs(model, new)
        for obj in new:
            obj.fill_derived_fields()  # public_id follows the final slug
            obj.created_at = obj.updated_at = now
        insert_objects(model, new)
        fetch_pks(model, new)
    changed = []
    updated: set[str] = set()
    for obj, before in snapshots:
        obj.fill_derived_fields()
        diff = {name for name in fields if getattr(obj, name) != before[name]}
        if diff:
            obj.updated_at = now
            updated |= diff | {"updated_at"}
            changed.append(obj)
    if changed:
        model.objects.bulk_update(changed, sorted(updated), batch_size=batch_size)
