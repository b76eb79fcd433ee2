"""PostgreSQL: the search GIN index also holds each film's popularity tier.

Relevance ranks a bounded pool of the most popular matches (catalog.fulltext.popular_matches).
Finding those by walking the popularity index reads a heap row per film walked: ~250 ms
for a word in 3% of a million films. With the tier (ln-scaled popularity, a small integer)
as a second column of the GIN index (btree_gin), `search_vector @@ q AND tier >= t` is
intersected inside the index and only the pool's rows are read.

The tsvector's statistics target is raised so the planner knows how many films a word
matches for many more words: the pool's tier is chosen from that estimate.
"""

from django.contrib.postgres.operations import BtreeGinExtension
from django.db import migrations

# Keep identical to catalog.fulltext.POPULARITY_TIER_SQL: the planner matches the expression.
_TIER = "(least(100, floor(ln(greatest(popularity, 0) + 1) * 10))::int)"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS catalog_film_search_gin")
    schema_editor.execute(
        f"CREATE INDEX catalog_film_search_gin ON catalog_film USING gin (search_vector, {_TIER})"
    )
    schema_editor.execute("ALTER TABLE catalog_film ALTER COLUMN search_vector SET STATISTICS 1000")
    schema_editor.execute("ANALYZE catalog_film")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS catalog_film_search_gin")
    schema_editor.execute(
        "CREATE INDEX catalog_film_search_gin ON catalog_film USING gin (search_vector)"
    )
    schema_editor.execute("ALTER TABLE catalog_film ALTER COLUMN search_vector SET STATISTICS -1")


class Migration(migrations.Migration):
    dependencies = [("catalog", "0007_film_summary")]

    operations = [BtreeGinExtension(), migrations.RunPython(create, drop)]
