"""`manage.py seed_demo`: a deterministic, coherent synthetic catalog and the demo logins."""

from __future__ import annotations

import hashlib
import re
import statistics
from collections import Counter
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from accounts.demo import DEMO_PASSWORD
from catalog.demo import seed as seed_module
from catalog.demo.classics import CLASSICS
from catalog.demo.generator import DEMO_SOURCE
from catalog.models import Credit, Film, Person
from tests.factories import make_film

pytestmark = pytest.mark.django_db


def seed(films: int, seed: int = 1, *args: str) -> str:
    out = StringIO()
    call_command("seed_demo", "--films", str(films), "--seed", str(seed), *args, stdout=out)
    return out.getvalue()


def catalog_digest() -> str:
    """Everything a visitor can see of films, people and credits; database ids left out.

    master_score is rounded: PostgreSQL's AVG over the catalog sums in physical row order,
    which differs after a delete, so the last bit of the catalog means can differ."""
    films = Film.objects.annotate(genre_list=Count("genres")).order_by("public_id")
    rows = [
        (
            f.public_id, f.title, f.year, f.release_date, f.runtime, f.original_language,
            f.imdb_rating, f.imdb_votes, f.rt_critics, f.tmdb_rating, f.movielens_rating,
            f.popularity, f.poster_url, f.overview, f.awards, round(f.master_score, 6),
            sorted(f.genres.values_list("name", flat=True)),
            sorted(f.keywords.values_list("name", flat=True)),
            sorted(f.countries.values_list("code", flat=True)),
        )
        for f in films
    ]  # fmt: skip
    rows += sorted(Person.objects.values_list("public_id", "name", "birth_year", "popularity"))
    rows += sorted(
        Credit.objects.values_list(
            "film__public_id", "person__public_id", "kind", "job", "character", "order"
        )
    )
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def synthetic_films():
    """The generated films, without the handful of real classics every seed adds."""
    return Film.objects.exclude(imdb_id__in=[c.imdb_id for c in CLASSICS])


def clear_catalog() -> None:
    Film.objects.all().delete()
    Person.objects.all().delete()


def test_the_same_seed_builds_the_same_catalog_and_another_seed_a_different_one():
    seed(60, 7)
    first = catalog_digest()
    clear_catalog()
    seed(60, 7)
    assert catalog_digest() == first
    clear_catalog()
    seed(60, 8)
    assert catalog_digest() != first


def test_the_catalog_has_realistic_shapes():
    seed(400, 3)
    films = list(synthetic_films())
    years = [f.year for f in films]
    assert min(years) >= 1920 and max(years) <= 2026 and max(years) - min(years) >= 70
    assert sum(y >= 1990 for y in years) > 2 * sum(y < 1950 for y in years)

    languages = Counter(f.original_language for f in films)
    assert languages.most_common(1)[0][0] == "en"
    assert 0.35 < languages["en"] / len(films) < 0.7
    assert len(languages) >= 10

    runtimes = [f.runtime for f in films if f.runtime]
    assert 88 < statistics.mean(runtimes) < 112
    ratings = [f.imdb_rating for f in films if f.imdb_rating is not None]
    assert 5.8 < statistics.mean(ratings) < 7.0
    assert all(1.0 <= r <= 10.0 for r in ratings)
    votes = sorted(f.imdb_votes for f in films if f.imdb_rating is not None)
    assert votes[-1] > 20 * votes[len(votes) // 2], "vote counts should have a long tail"
    assert all(f.master_score is not None and 0 <= f.master_score <= 100 for f in films)
    assert all(f.overview_source == DEMO_SOURCE for f in films)


def test_every_film_has_genres_credits_and_a_director_and_people_have_filmographies():
    seed(300, 4)
    per_film = Film.objects.annotate(
        genre_count=Count("genres", distinct=True),
        credit_count=Count("credits", distinct=True),
    ).values_list("genre_count", "credit_count")
    assert all(1 <= genres <= 3 and credits >= 1 for genres, credits in per_film)
    directed = Credit.objects.filter(job="Director").values("film").distinct().count()
    assert directed == Film.objects.count()
    assert 6 <= Credit.objects.count() / Film.objects.count() <= 11
    departments = set(Credit.objects.values_list("department", flat=True))
    assert {"Acting", "Directing", "Writing", "Production", "Camera", "Editing"} <= departments
    busiest = Person.objects.annotate(n=Count("credits")).order_by("-n").first()
    assert busiest.n >= 8
    assert Credit.objects.filter(kind="cast").exclude(character="").exists()


def test_about_half_the_films_carry_imdb_ids_that_cannot_collide_with_real_ones():
    seed(400, 5)
    imdb_ids = list(synthetic_films().exclude(imdb_id=None).values_list("imdb_id", flat=True))
    assert 0.35 < len(imdb_ids) / 400 < 0.65
    assert all(re.fullmatch(r"tt9\d{7}", i) for i in imdb_ids)
    slugs = Film.objects.filter(imdb_id=None).values_list("public_id", "slug")
    assert all(public_id == slug and not slug.startswith("tt") for public_id, slug in slugs)
    with_posters = synthetic_films().filter(has_poster=True)
    assert 0.6 < with_posters.count() / 400 < 0.9
    film = with_posters.first()
    assert film.poster_url == f"/posters/{film.public_id}.svg"


def test_the_seed_examples_of_the_api_answer_on_a_demo_catalog(client):
    seed(50)
    godfather = client.get("/api/v2/films/tt0068646").json()["data"]
    assert godfather["title"] == "The Godfather" and godfather["year"] == 1972
    assert any(c["name"] == "Marlon Brando" for c in godfather["cast"])
    found = client.get("/api/v2/films?genre=Sci-Fi&decade=1980s&min_rating=8.0&limit=10").json()
    assert {"Blade Runner", "Aliens"} <= {film["title"] for film in found["data"]}
    seed(50, 1, "--if-empty")
    assert Film.objects.filter(imdb_id="tt0068646").count() == 1


def test_if_empty_leaves_an_existing_catalog_alone():
    make_film(title="Alien", year=1979)
    output = seed(50, 1, "--if-empty")
    assert "not seeding" in output
    assert Film.objects.count() == 1 and not Credit.objects.exists()


def test_without_if_empty_it_refuses_to_add_to_an_existing_catalog():
    make_film(title="Alien", year=1979)
    with pytest.raises(CommandError, match="empty catalog"):
        seed(50)
    assert Film.objects.count() == 1 and not Person.objects.exists()


def test_a_bad_film_count_is_refused():
    with pytest.raises(CommandError, match="--films"):
        seed(0)


def test_the_demo_accounts_exist_can_log_in_and_are_printed(client):
    output = seed(20)
    for name in ("free", "writer", "producer", "studio", "admin"):
        assert f"{name}@demo.reelbase.test" in output
        assert client.login(username=f"{name}@demo.reelbase.test", password=DEMO_PASSWORD)
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.get(username="admin")
    assert admin.is_staff and admin.is_superuser


def test_seeding_writes_in_batches_so_queries_do_not_grow_with_films(
    monkeypatch, django_assert_max_num_queries
):
    monkeypatch.setattr(seed_module, "FILM_BATCH", 50)
    with CaptureQueriesContext(connection) as first:
        seed(100)
    clear_catalog()
    # 200 more films are 4 more batches of 8 inserts each (films, 5 many-to-many tables,
    # credits, watch providers); everything else (vocabulary, people, demo accounts,
    # scores) costs the same as for 100 films, or less now that the accounts exist.
    with django_assert_max_num_queries(len(first.captured_queries) + 4 * 8):
        seed(300)
    assert synthetic_films().count() == 300


@pytest.mark.skipif(connection.vendor != "postgresql", reason="bulk-load mode is PostgreSQL's")
def test_bulk_load_mode_restores_every_index_and_foreign_key():
    def schema() -> list:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() "
                "UNION ALL SELECT conname || pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE connamespace = current_schema()::regnamespace ORDER BY 1"
            )
            return cursor.fetchall()

    before = schema()
    seed(30)
    assert schema() == before
    assert Film.objects.filter(search_vector__isnull=True).count() == 0
    assert synthetic_films().count() == 30
