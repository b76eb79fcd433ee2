"""PostgreSQL: each film row carries the list-mode parts that live in other tables.

A list-mode Film holds its genres, top cast, director and key crew, which live in
catalog_film_genres, catalog_credit and catalog_person. Joining them for every row held
the NDJSON stream and the snapshot to an eighth of what COPY delivers, so they are kept,
already rendered as JSON, in four columns of catalog_film:

    summary_genres    json   ["Crime", "Drama"]            (NULL: none)
    summary_cast      json   [{"id", "name", "character", "order"}, ...] top 5
    summary_director  text   the first credited director
    summary_crew      json   {"directing": [...], "writing": [...], ...} key jobs

`json`, not `jsonb`: jsonb reorders object keys, and the API's key order is part of its
shape. The columns are not model fields: only the database writes them, so a
`Film.save()` can never put back a stale copy.

Statement-level triggers (transition tables) on credits, film genres, people (renames)
and genres (renames) refresh the films a statement touched, once per statement. A bulk
loader that sets `reelbase.defer_search = 'on'` (catalog.fulltext.deferred_search) skips
them and refreshes every film at the end, set-based. SQLite has none of this: there the
API builds these parts in Python (catalog.api.films.list_films).
"""

from django.db import migrations

# Every film's summary, or those of `ids`, in one set-based statement; rows whose
# summary is unchanged are not rewritten. Returns the number of films updated.
_REFRESH = r"""
CREATE OR REPLACE FUNCTION catalog_film_summary_refresh(ids bigint[]) RETURNS bigint
LANGUAGE plpgsql AS $fn$
DECLARE
  updated bigint;
  of_genre text := CASE WHEN ids IS NULL THEN 'true' ELSE 'x.film_id = ANY($1)' END;
  of_credit text := CASE WHEN ids IS NULL THEN 'true' ELSE 'c.film_id = ANY($1)' END;
  of_film text := CASE WHEN ids IS NULL THEN 'true' ELSE 'f.id = ANY($1)' END;
BEGIN
  EXECUTE format($sql$
    WITH fg AS (
      SELECT x.film_id, json_agg(g.name ORDER BY g.name) AS genres
        FROM catalog_film_genres x JOIN catalog_genre g ON g.id = x.genre_id
       WHERE %1$s GROUP BY x.film_id
    ), credits AS (
      SELECT c.film_id, c.kind, c.department, c.job, c.character, c."order", c.id,
             p.public_id, p.name
        FROM catalog_credit c JOIN catalog_person p ON p.id = c.person_id
       WHERE %2$s
         AND ((c.kind = 'cast' AND c."order" < 5)
              OR (c.kind = 'crew' AND c.job IN ('Director', 'Screenplay', 'Writer', 'Story',
                  'Novel', 'Producer', 'Director of Photography', 'Editor',
                  'Original Music Composer')))
    ), fc AS (
      SELECT film_id,
             json_agg(json_build_object('id', public_id, 'name', name,
                                        'character', character, 'order', "order")
                      ORDER BY "order", id) FILTER (WHERE kind = 'cast') AS cast_json,
             (array_agg(name ORDER BY "order", id)
                FILTER (WHERE kind = 'crew' AND job = 'Director'))[1] AS director
        FROM credits GROUP BY film_id
    ), firsts AS (
      SELECT film_id, lower(department) AS dept, name, min(ARRAY["order"::bigint, id]) AS first
        FROM credits WHERE kind = 'crew' GROUP BY 1, 2, 3
    ), fs AS (
      SELECT film_id, json_build_object(
        'directing', coalesce(json_agg(name ORDER BY first) FILTER (WHERE dept = 'directing'), '[]'),
        'writing', coalesce(json_agg(name ORDER BY first) FILTER (WHERE dept = 'writing'), '[]'),
        'production', coalesce(json_agg(name ORDER BY first) FILTER (WHERE dept = 'production'), '[]'),
        'camera', coalesce(json_agg(name ORDER BY first) FILTER (WHERE dept = 'camera'), '[]'),
        'editing', coalesce(json_agg(name ORDER BY first) FILTER (WHERE dept = 'editing'), '[]'),
        'sound', coalesce(json_agg(name ORDER BY first) FILTER (WHERE dept = 'sound'), '[]')
      ) AS crew
        FROM firsts GROUP BY film_id
    ), fresh AS (
      SELECT f.id, fg.genres, fc.cast_json, fc.director, fs.crew
        FROM catalog_film f
        LEFT JOIN fg ON fg.film_id = f.id
        LEFT JOIN fc ON fc.film_id = f.id
        LEFT JOIN fs ON fs.film_id = f.id
       WHERE %3$s
    )
    UPDATE catalog_film t
       SET summary_genres = fresh.genres, summary_cast = fresh.cast_json,
           summary_director = fresh.director, summary_crew = fresh.crew
      FROM fresh
     WHERE t.id = fresh.id
       AND (t.summary_genres::text, t.summary_cast::text, t.summary_director,
            t.summary_crew::text)
           IS DISTINCT FROM (fresh.genres::text, fresh.cast_json::text, fresh.director,
                             fresh.crew::text)
  $sql$, of_genre, of_credit, of_film) USING ids;
  GET DIAGNOSTICS updated = ROW_COUNT;
  RETURN updated;
END $fn$;
"""

_TRIGGERS = """
CREATE OR REPLACE FUNCTION catalog_film_summary_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF catalog_search_deferred() THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM catalog_film_summary_refresh(ARRAY(SELECT DISTINCT film_id FROM changed_new));
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    PERFORM catalog_film_summary_refresh(ARRAY(SELECT DISTINCT film_id FROM changed_old));
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION catalog_person_summary_renamed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF catalog_search_deferred() THEN
    RETURN NULL;
  END IF;
  PERFORM catalog_film_summary_refresh(ARRAY(
    SELECT DISTINCT c.film_id
      FROM changed_new n JOIN changed_old o ON o.id = n.id
      JOIN catalog_credit c ON c.person_id = n.id
     WHERE (n.name, n.public_id) IS DISTINCT FROM (o.name, o.public_id)));
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION catalog_genre_summary_renamed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF catalog_search_deferred() THEN
    RETURN NULL;
  END IF;
  PERFORM catalog_film_summary_refresh(ARRAY(
    SELECT DISTINCT x.film_id
      FROM changed_new n JOIN changed_old o ON o.id = n.id
      JOIN catalog_film_genres x ON x.genre_id = n.id
     WHERE n.name IS DISTINCT FROM o.name));
  RETURN NULL;
END $$;

CREATE TRIGGER catalog_person_summary_upd AFTER UPDATE ON catalog_person
  REFERENCING NEW TABLE AS changed_new OLD TABLE AS changed_old
  FOR EACH STATEMENT EXECUTE FUNCTION catalog_person_summary_renamed();
CREATE TRIGGER catalog_genre_summary_upd AFTER UPDATE ON catalog_genre
  REFERENCING NEW TABLE AS changed_new OLD TABLE AS changed_old
  FOR EACH STATEMENT EXECUTE FUNCTION catalog_genre_summary_renamed();
"""

_CHILD_TABLES = ("catalog_credit", "catalog_film_genres")


def _child_triggers(table: str) -> str:
    name = f"{table}_summary"
    refresh = "EXECUTE FUNCTION catalog_film_summary_changed()"
    return f"""
CREATE TRIGGER {name}_ins AFTER INSERT ON {table}
  REFERENCING NEW TABLE AS changed_new FOR EACH STATEMENT {refresh};
CREATE TRIGGER {name}_del AFTER DELETE ON {table}
  REFERENCING OLD TABLE AS changed_old FOR EACH STATEMENT {refresh};
CREATE TRIGGER {name}_upd AFTER UPDATE ON {table}
  REFERENCING NEW TABLE AS changed_new OLD TABLE AS changed_old FOR EACH STATEMENT {refresh};
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE catalog_film ADD COLUMN summary_genres json, "
        "ADD COLUMN summary_cast json, ADD COLUMN summary_director text, "
        "ADD COLUMN summary_crew json"
    )
    with schema_editor.connection.cursor() as cursor:
        # No parameters, so psycopg leaves format()'s %1$s placeholders alone.
        cursor.execute(_REFRESH)
    schema_editor.execute(_TRIGGERS)
    for table in _CHILD_TABLES:
        schema_editor.execute(_child_triggers(table))
    schema_editor.execute("SELECT catalog_film_summary_refresh(NULL)")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in _CHILD_TABLES:
        for suffix in ("ins", "del", "upd"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_summary_{suffix} ON {table}")
    schema_editor.execute(
        "DROP TRIGGER IF EXISTS catalog_person_summary_upd ON catalog_person;"
        "DROP TRIGGER IF EXISTS catalog_genre_summary_upd ON catalog_genre;"
        "DROP FUNCTION IF EXISTS catalog_film_summary_changed();"
        "DROP FUNCTION IF EXISTS catalog_person_summary_renamed();"
        "DROP FUNCTION IF EXISTS catalog_genre_summary_renamed();"
        "DROP FUNCTION IF EXISTS catalog_film_summary_refresh(bigint[]);"
        "ALTER TABLE catalog_film DROP COLUMN summary_genres, DROP COLUMN summary_cast, "
        "DROP COLUMN summary_director, DROP COLUMN summary_crew"
    )


class Migration(migrations.Migration):
    dependencies = [("catalog", "0006_search_words")]

    operations = [migrations.RunPython(create, drop)]
