"""A new film has no credits, keywords or alternative titles yet (they reference it), so
its search document on INSERT needs only its own columns: no per-row subqueries, which a
bulk load with dropped indexes would turn into scans. The children's statement triggers
fill in the rest when they arrive.
"""

from django.db import migrations

_ROW_TRIGGER = """
CREATE OR REPLACE FUNCTION catalog_film_search_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF catalog_search_deferred() THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'INSERT' THEN
    NEW.search_vector :=
        setweight(to_tsvector('english', coalesce(NEW.title, '') || ' '
                  || coalesce(NEW.original_title, '')), 'A')
     || setweight(to_tsvector('english', coalesce(NEW.overview, '')), 'C');
  ELSE
    NEW.search_vector := catalog_film_search_document(
        NEW.id, NEW.title, NEW.original_title, NEW.overview);
  END IF;
  RETURN NEW;
END $$;
"""

_PREVIOUS = """
CREATE OR REPLACE FUNCTION catalog_film_search_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT catalog_search_deferred() THEN
    NEW.search_vector := catalog_film_search_document(
        NEW.id, NEW.title, NEW.original_title, NEW.overview);
  END IF;
  RETURN NEW;
END $$;
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(_ROW_TRIGGER)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(_PREVIOUS)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0004_film_search")]

    operations = [migrations.RunPython(forward, backward)]
