"""A dictionary of title words for the typo path of search (PostgreSQL only).

`catalog_searchword` holds every distinct word of film titles with a trigram index, so a
misspelled word ("godfater") is corrected against a small table (tens of thousands of
rows) instead of trigram-matching every title in the catalog. The film row trigger adds
the words of new and renamed titles; `refresh_search_vectors()` rebuilds the table.
"""

from django.db import migrations

_CREATE = """
CREATE TABLE IF NOT EXISTS catalog_searchword (word varchar(100) PRIMARY KEY);
CREATE INDEX IF NOT EXISTS catalog_searchword_trgm ON catalog_searchword
    USING gin (word gin_trgm_ops);
INSERT INTO catalog_searchword
SELECT DISTINCT left(word, 100) FROM ts_stat('SELECT to_tsvector(''simple'', title) FROM catalog_film')
ON CONFLICT DO NOTHING;

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
  IF TG_OP = 'INSERT' OR NEW.title IS DISTINCT FROM OLD.title THEN
    INSERT INTO catalog_searchword
    SELECT left(w, 100) FROM unnest(tsvector_to_array(to_tsvector('simple', NEW.title))) AS w
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NEW;
END $$;
"""

_DROP = """
DROP TABLE IF EXISTS catalog_searchword;
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


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(_CREATE)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(_DROP)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0005_film_search_insert_without_children")]

    operations = [migrations.RunPython(forward, backward)]
