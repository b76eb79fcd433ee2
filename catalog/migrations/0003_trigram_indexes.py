"""Trigram indexes for typo-tolerant title and name matching (PostgreSQL only).

SQLite has no pg_trgm; the resolver and search use other means there, so this
migration does nothing on other databases. Creating the extension needs a role
allowed to (the database owner on PostgreSQL 13+ for trusted extensions).
"""

from django.db import migrations

_INDEXES = {
    "catalog_film_norm_title_trgm": "catalog_film USING gin (norm_title gin_trgm_ops)",
    "catalog_alttitle_norm_title_trgm": "catalog_alternativetitle USING gin (norm_title gin_trgm_ops)",
    "catalog_person_norm_name_trgm": "catalog_person USING gin (norm_name gin_trgm_ops)",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, target in _INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in _INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("catalog", "0002_alternative_title")]

    operations = [migrations.RunPython(create, drop)]
