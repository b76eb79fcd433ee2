"""The catalog: films, people, their credits and the vocabularies around them.

Ratings live in flat columns on Film (one per source) rather than in a side table:
the list API filters and sorts a million films by them, and a column with a
b-tree index beats a join for that.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse

from catalog.text import film_slug, normalise_title, person_slug


class Genre(models.Model):
    name = models.CharField(max_length=64, unique=True)
    slug = models.SlugField(max_length=64, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Keyword(models.Model):
    name = models.CharField(max_length=255, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Company(models.Model):
    name = models.CharField(max_length=255, unique=True)
    tmdb_id = models.IntegerField(null=True, blank=True, unique=True)
    origin_country = models.CharField(max_length=2, blank=True, help_text="ISO 3166-1 alpha-2")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "companies"

    def __str__(self) -> str:
        return self.name


class Country(models.Model):
    code = models.CharField(max_length=2, primary_key=True, help_text="ISO 3166-1 alpha-2")
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"

    def __str__(self) -> str:
        return self.name


class Language(models.Model):
    code = models.CharField(max_length=3, primary_key=True, help_text="ISO 639-1 (639-3 if none)")
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class FilmQuerySet(models.QuerySet):
    def by_public_id(self, public_id: str) -> FilmQuerySet:
        """Films named by IMDb id (`tt0068646`), `tmdb:238` or slug."""
        if public_id.startswith("tmdb:"):
            number = public_id.removeprefix("tmdb:")
            return self.filter(tmdb_id=int(number)) if number.isdigit() else self.none()
        if public_id.startswith("tt"):
            return self.filter(imdb_id=public_id)
        return self.filter(slug=public_id)

    def for_card(self) -> FilmQuerySet:
        """What a film card (poster, title, year, score) needs: no joins."""
        return self.only(
            "id",
            "public_id",
            "title",
            "year",
            "poster_url",
            "poster_file",
            "master_score",
            "imdb_rating",
            "runtime",
        )

    def for_list(self) -> FilmQuerySet:
        """What a browse row needs: card columns plus genres (2 queries: films, genres)."""
        return self.only(
            "id",
            "public_id",
            "title",
            "year",
            "release_date",
            "poster_url",
            "poster_file",
            "master_score",
            "imdb_rating",
            "imdb_votes",
            "rt_critics",
            "runtime",
            "original_language",
        ).prefetch_related("genres")

    def top_rated(self) -> FilmQuerySet:
        return self.filter(master_score__isnull=False).order_by("-master_score", "id")


class Film(models.Model):
    class Status(models.TextChoices):
        RUMORED = "rumored", "Rumored"
        PLANNED = "planned", "Planned"
        IN_PRODUCTION = "in_production", "In production"
        POST_PRODUCTION = "post_production", "Post production"
        RELEASED = "released", "Released"
        CANCELED = "canceled", "Canceled"

    # Identity. `public_id` is what URLs and the API use: the IMDb id when known, else `slug`.
    public_id = models.CharField(max_length=140, unique=True, editable=False)
    slug = models.SlugField(max_length=140, unique=True)
    imdb_id = models.CharField(max_length=12, unique=True, null=True, blank=True)
    tmdb_id = models.IntegerField(unique=True, null=True, blank=True)
    movielens_id = models.IntegerField(unique=True, null=True, blank=True)
    wikipedia_title = models.CharField(
        max_length=255,
        unique=True,
        null=True,
        blank=True,
        help_text="Article name on en.wikipedia.org, e.g. The_Godfather",
    )

    title = models.CharField(max_length=300)
    original_title = models.CharField(max_length=300, blank=True)
    # Lower-case, accent-free, article-free title used to merge films across sources.
    norm_title = models.CharField(max_length=300, editable=False)
    year = models.SmallIntegerField(null=True, blank=True)
    release_date = models.DateField(null=True, blank=True)
    runtime = models.PositiveSmallIntegerField(null=True, blank=True, help_text="minutes")
    overview = models.TextField(blank=True)
    overview_source = models.CharField(max_length=20, blank=True, help_text="e.g. wikipedia")
    tagline = models.CharField(max_length=500, blank=True)
    original_language = models.CharField(max_length=3, blank=True, help_text="ISO 639-1")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RELEASED)
    certification = models.CharField(max_length=16, blank=True)
    budget = models.BigIntegerField(null=True, blank=True)
    revenue = models.BigIntegerField(null=True, blank=True)
    homepage = models.URLField(max_length=500, blank=True)

    poster_url = models.CharField(
        max_length=500, blank=True, help_text="Remote or site-relative URL"
    )
    poster_file = models.FileField(upload_to="posters/", max_length=255, blank=True)
    backdrop_url = models.CharField(max_length=500, blank=True)
    has_poster = models.BooleanField(default=False, editable=False)

    genres = models.ManyToManyField(Genre, related_name="films", blank=True)
    keywords = models.ManyToManyField(Keyword, related_name="films", blank=True)
    companies = models.ManyToManyField(Company, related_name="films", blank=True)
    countries = models.ManyToManyField(Country, related_name="films", blank=True)
    spoken_languages = models.ManyToManyField(Language, related_name="films", blank=True)

    # Ratings by source, all on a 0-10 scale except Rotten Tomatoes (percent of critics).
    imdb_rating = models.FloatField(null=True, blank=True)
    imdb_votes = models.PositiveIntegerField(default=0)
    rt_critics = models.PositiveSmallIntegerField(null=True, blank=True, help_text="0-100")
    tmdb_rating = models.FloatField(null=True, blank=True)
    tmdb_votes = models.PositiveIntegerField(default=0)
    movielens_rating = models.FloatField(null=True, blank=True, help_text="0.5-5 stars x 2")
    movielens_votes = models.PositiveIntegerField(default=0)
    community_rating = models.FloatField(null=True, blank=True)
    community_votes = models.PositiveIntegerField(default=0)
    master_score = models.FloatField(null=True, blank=True, help_text="0-100, see catalog.scoring")
    popularity = models.FloatField(default=0)

    # [{"name": "Academy Awards", "category": "Best Picture", "year": 1973, "result": "won"}]
    awards = models.JSONField(default=list, blank=True)

    # Weighted tsvector (titles A, cast/crew/keywords B, overview C), kept current by
    # database triggers on PostgreSQL (migration 0004); unused on SQLite, which has FTS5.
    search_vector = SearchVectorField(null=True, blank=True, editable=False)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = FilmQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        indexes = [
            # Sorts of the list API, each with `id` as the keyset tie-breaker.
            models.Index(fields=["master_score", "id"], name="film_score_idx"),
            models.Index(fields=["year", "id"], name="film_year_idx"),
            models.Index(fields=["release_date", "id"], name="film_release_idx"),
            models.Index(fields=["title", "id"], name="film_title_idx"),
            models.Index(fields=["imdb_rating", "id"], name="film_rating_idx"),
            models.Index(fields=["imdb_votes", "id"], name="film_votes_idx"),
            models.Index(fields=["popularity", "id"], name="film_popularity_idx"),
            models.Index(fields=["runtime", "id"], name="film_runtime_idx"),
            # Filters that are not also sorts.
            models.Index(fields=["original_language", "year"], name="film_language_idx"),
            models.Index(fields=["norm_title", "year"], name="film_norm_title_idx"),
            models.Index(fields=["id"], condition=Q(has_poster=True), name="film_has_poster_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})" if self.year else self.title

    def save(self, *args, **kwargs) -> None:
        self.fill_derived_fields()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("catalog:film_detail", args=[self.public_id])

    def fill_derived_fields(self) -> None:
        """Derived columns; bulk importers call this before bulk_create/bulk_update."""
        self.norm_title = normalise_title(self.title)
        if not self.slug:
            self.slug = film_slug(self.title, self.year)
        self.public_id = self.imdb_id or self.slug
        self.has_poster = bool(self.poster_url or self.poster_file)

    @property
    def poster(self) -> str:
        if self.poster_file:
            return self.poster_file.url
        return self.poster_url


class PersonQuerySet(models.QuerySet):
    def by_public_id(self, public_id: str) -> PersonQuerySet:
        if public_id.startswith("tmdb:"):
            number = public_id.removeprefix("tmdb:")
            return self.filter(tmdb_id=int(number)) if number.isdigit() else self.none()
        if public_id.startswith("nm"):
            return self.filter(imdb_id=public_id)
        return self.filter(slug=public_id)


class Person(models.Model):
    public_id = models.CharField(max_length=140, unique=True, editable=False)
    slug = models.SlugField(max_length=140, unique=True)
    imdb_id = models.CharField(max_length=12, unique=True, null=True, blank=True)
    tmdb_id = models.IntegerField(unique=True, null=True, blank=True)
    name = models.CharField(max_length=200)
    norm_name = models.CharField(max_length=200, editable=False, db_index=True)
    biography = models.TextField(blank=True)
    birth_year = models.SmallIntegerField(null=True, blank=True)
    death_year = models.SmallIntegerField(null=True, blank=True)
    birthday = models.DateField(null=True, blank=True)
    deathday = models.DateField(null=True, blank=True)
    place_of_birth = models.CharField(max_length=255, blank=True)
    known_for_department = models.CharField(max_length=40, blank=True, db_index=True)
    profile_url = models.CharField(max_length=500, blank=True)
    popularity = models.FloatField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name_plural = "people"
        indexes = [models.Index(fields=["popularity", "id"], name="person_popularity_idx")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.fill_derived_fields()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("catalog:person_detail", args=[self.public_id])

    def fill_derived_fields(self) -> None:
        self.norm_name = normalise_title(self.name, strip_articles=False)
        if not self.slug:
            self.slug = person_slug(self.name)
        self.public_id = self.imdb_id or self.slug


class Credit(models.Model):
    class Kind(models.TextChoices):
        CAST = "cast", "Cast"
        CREW = "crew", "Crew"

    # Departments as TMDB names them; crew on a film page is grouped by these, in this order.
    DEPARTMENTS = (
        "Directing",
        "Writing",
        "Production",
        "Camera",
        "Editing",
        "Sound",
        "Art",
        "Costume & Make-Up",
        "Visual Effects",
        "Crew",
        "Lighting",
    )

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="credits")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="credits")
    kind = models.CharField(max_length=4, choices=Kind.choices)
    department = models.CharField(max_length=40, default="Acting")
    job = models.CharField(max_length=100, default="Actor")
    character = models.CharField(max_length=500, blank=True)
    order = models.PositiveSmallIntegerField(default=0, help_text="Billing order, 0 first")

    class Meta:
        ordering = ["film", "kind", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["film", "person", "kind", "job"], name="credit_unique_role"
            )
        ]
        indexes = [
            models.Index(fields=["person", "film"], name="credit_person_idx"),
            models.Index(fields=["job", "person"], name="credit_job_person_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.person} - {self.job} - {self.film}"


class AlternativeTitle(models.Model):
    """Another name a film goes by: an original-language title, an "a.k.a.", a re-release name."""

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="alternative_titles")
    title = models.CharField(max_length=300)
    norm_title = models.CharField(max_length=300, editable=False, db_index=True)
    source = models.CharField(max_length=20, blank=True, help_text="e.g. movielens, tmdb")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["film", "norm_title"], name="alt_title_unique")
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.norm_title = normalise_title(self.title)
        super().save(*args, **kwargs)


class WatchProvider(models.Model):
    name = models.CharField(max_length=100, unique=True)
    tmdb_id = models.IntegerField(null=True, blank=True, unique=True)
    logo_url = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class FilmWatchProvider(models.Model):
    class Offer(models.TextChoices):
        STREAM = "flatrate", "Stream"
        RENT = "rent", "Rent"
        BUY = "buy", "Buy"
        FREE = "free", "Free"
        ADS = "ads", "With ads"

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="watch_providers")
    provider = models.ForeignKey(WatchProvider, on_delete=models.CASCADE, related_name="offers")
    region = models.CharField(max_length=2, help_text="ISO 3166-1 alpha-2")
    offer = models.CharField(max_length=10, choices=Offer.choices)
    link = models.URLField(max_length=500, blank=True)

    class Meta:
        ordering = ["region", "offer", "provider__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["film", "provider", "region", "offer"], name="film_provider_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.provider} ({self.region}, {self.offer})"


class RatingBaseline(models.Model):
    """The catalog-wide mean of one rating source; master_score leans on it when votes are few."""

    source = models.CharField(max_length=20, primary_key=True)
    mean = models.FloatField()
    films = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.source}: {self.mean:.2f} over {self.films} films"
