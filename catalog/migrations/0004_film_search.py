"""Full-text search over title, overview, cast, crew and keywords.

PostgreSQL: a stored, weighted `tsvector` (A titles, B people and keywords, C overview) with
a GIN index. Triggers keep it current: a row trigger on the film itself, statement-level
triggers (transition tables) on credits, keywords and alternative titles, so a bulk COPY
of 8M credits refreshes each film once, not once per row. A loader that wants to skip the
triggers sets `SET reelbase.defer_search = 'on'` and calls
`catalog.fulltext.refresh_search_vectors()` at the end (set-based, much faster).

SQLite: an FTS5 table keyed by film id, kept current by row triggers.
"""

import django.contrib.postgres.search
from django.db import migrations

_PG_DOCUMENT = """
CREATE OR REPLACE FUNCTION catalog_film_search_document(
    fid bigint, title text, original_title text, overview text
) RETURNS tsvector LANGUAGE sql STABLE AS $$
  SELECT
    setweight(to_tsvector('english', coalesce(title, '') || ' ' || coalesce(original_title, '')
      || ' ' || coalesce((SELECT string_agg(a.title, ' ') FROM catalog_alternativetitle a
                          WHERE a.film_id = fid), '')), 'A')
    || setweight(to_tsvector('english', coalesce((SELECT string_agg(p.name, ' ')
           FROM catalog_credit c JOIN catalog_person p ON p.id = c.person_id
           WHERE c.film_id = fid), '')
       || ' ' || coalesce((SELECT string_agg(k.name, ' ')
           FROM catalog_film_keywords fk JOIN catalog_keyword k ON k.id = fk.keyword_id
           WHERE fk.film_id = fid), '')), 'B')
    || setweight(to_tsvector('english', coalesce(overview, '')), 'C')
$$;

CREATE OR REPLACE FUNCTION catalog_search_deferred() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('reelbase.defer_search', true), '') = 'on'
$$;

CREATE OR REPLACE FUNCTION catalog_film_search_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT catalog_search_deferred() THEN
    NEW.search_vector := catalog_film_search_document(
        NEW.id, NEW.title, NEW.original_title, NEW.overview);
  END IF;
  RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION catalog_film_search_refresh_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF catalog_search_deferred() THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    UPDATE catalog_film f
       SET search_vector = catalog_film_search_document(f.id, f.title, f.original_title, f.overview)
     WHERE f.id IN (SELECT DISTINCT film_id FROM changed_new);
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE catalog_film f
       SET search_vector = catalog_film_search_document(f.id, f.title, f.original_title, f.overview)
     WHERE f.id IN (SELECT DISTINCT film_id FROM changed_old);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER catalog_film_search_row
  BEFORE INSERT OR UPDATE OF title, original_title, overview ON catalog_film
  FOR EACH ROW EXECUTE FUNCTION catalog_film_search_row();
"""

_PG_CHILD_TABLES = ("catalog_credit", "catalog_film_keywords", "catalog_alternativetitle")


def _pg_child_triggers(table: str) -> str:
    name = f"{table}_search"
    refresh = "EXECUTE FUNCTION catalog_film_search_refresh_changed()"
    return f"""
CREATE TRIGGER {name}_ins AFTER INSERT ON {table}
  REFERENCING NEW TABLE AS changed_new FOR EACH STATEMENT {refresh};
CREATE TRIGGER {name}_del AFTER DELETE ON {table}
  REFERENCING OLD TABLE AS changed_old FOR EACH STATEMENT {refresh};
CREATE TRIGGER {name}_upd AFTER UPDATE ON {table}
  REFERENCING NEW TABLE AS changed_new OLD TABLE AS changed_old FOR EACH STATEMENT {refresh};
"""


_PG_DROP = """
DROP TRIGGER IF EXISTS catalog_film_search_row ON catalog_film;
{children}
DROP FUNCTION IF EXISTS catalog_film_search_refresh_changed();
DROP FUNCTION IF EXISTS catalog_film_search_row();
DROP FUNCTION IF EXISTS catalog_search_deferred();
DROP FUNCTION IF EXISTS catalog_film_search_document(bigint, text, text, text);
DROP INDEX IF EXISTS catalog_film_search_gin;
"""

# SQLite: one statement that rebuilds the FTS row of film {fid}.
_SQLITE_REFRESH = """
DELETE FROM catalog_film_fts WHERE rowid = {fid};
INSERT INTO catalog_film_fts(rowid, title, people, keywords, overview)
SELECT f.id,
       f.title || ' ' || f.original_title || ' ' || coalesce((SELECT group_concat(a.title, ' ')
           FROM catalog_alternativetitle a WHERE a.film_id = f.id), ''),
       coalesce((SELECT group_concat(p.name, ' ') FROM catalog_credit c
           JOIN catalog_person p ON p.id = c.person_id WHERE c.film_id = f.id), ''),
       coalesce((SELECT group_concat(k.name, ' ') FROM catalog_film_keywords fk
           JOIN catalog_keyword k ON k.id = fk.keyword_id WHERE fk.film_id = f.id), ''),
       f.overview
  FROM catalog_film f WHERE f.id = {fid};
"""


def _sqlite_statements() -> list[str]:
    statements = [
        "CREATE VIRTUAL TABLE IF NOT EXISTS catalog_film_fts USING fts5("
        "title, people, keywords, overview, tokenize='unicode61 remove_diacritics 2')",
        "CREATE TRIGGER catalog_film_fts_ins AFTER INSERT ON catalog_film BEGIN "
        + _SQLITE_REFRESH.format(fid="NEW.id")
        + " END",
        "CREATE TRIGGER catalog_film_fts_upd AFTER UPDATE OF title, original_title, overview "
        "ON catalog_film BEGIN " + _SQLITE_REFRESH.format(fid="NEW.id") + " END",
        "CREATE TRIGGER catalog_film_fts_del AFTER DELETE ON catalog_film BEGIN "
        "DELETE FROM catalog_film_fts WHERE rowid = OLD.id; END",
    ]
    for table in _PG_CHILD_TABLES:
        for event, row in (("INSERT", "NEW"), ("DELETE", "OLD"), ("UPDATE", "NEW")):
            statements.append(
                f"CREATE TRIGGER {table}_fts_{event.lower()} AFTER {event} ON {table} BEGIN "
                + _SQLITE_REFRESH.format(fid=f"{row}.film_id")
                + " END"
            )
    # Films that existed before this migration.
    statements.append(
        "INSERT INTO catalog_film_fts(rowid, title, people, keywords, overview) "
        "SELECT id, title || ' ' || original_title, '', '', overview FROM catalog_film"
    )
    return statements


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(_PG_DOCUMENT)
        for table in _PG_CHILD_TABLES:
            schema_editor.execute(_pg_child_triggers(table))
        schema_editor.execute(
            "UPDATE catalog_film SET search_vector = "
            "catalog_film_search_document(id, title, original_title, overview)"
        )
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS catalog_film_search_gin "
            "ON catalog_film USING gin (search_vector)"
        )
    elif vendor == "sqlite":
        for statement in _sqlite_statements():
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        children = "\n".join(
            f"DROP TRIGGER IF EXISTS {t}_search_{s} ON {t};"
            for t in _PG_CHILD_TABLES
            for s in ("ins", "del", "upd")
        )
        schema_editor.execute(_PG_DROP.format(children=children))
    elif vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS catalog_film_fts")
        for table in _PG_CHILD_TABLES:
            for event in ("insert", "delete", "update"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_fts_{event}")
        for name in ("ins", "upd", "del"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS catalog_film_fts_{name}")


class Migration(migrations.Migration):
    dependencies = [("catalog", "0003_trigram_indexes")]

    operations = [
        migrations.AddField(
            model_name="film",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True, blank=True
            ),
        ),
        migrations.RunPython(create, drop),
    ]
