"""A member's own film data: diary entries and reviews, watchlist, likes, favourites and lists.

Writes go through `reviews.services` (one path for the web forms, the API, the batch
endpoint and the Letterboxd importer); these models only fill derived fields on save.
"""

from __future__ import annotations

import hashlib
import secrets
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from catalog.models import Film

MAX_TEXT = 10_000
MAX_TAGS = 20
MAX_TAG_LENGTH = 64


def review_fingerprint(*, film_id: int, rating: Decimal | None, text: str, watched_on) -> str:
    """The dedup key: an identical (film, rating, text, watched date) is the same review."""
    rating_part = "-" if rating is None else f"{Decimal(rating):.1f}"
    watched_part = watched_on.isoformat() if watched_on else "-"
    raw = f"{film_id}\x1f{rating_part}\x1f{watched_part}\x1f{text}"
    return hashlib.sha256(raw.encode()).hexdigest()


class ReviewQuerySet(models.QuerySet):
    def newest_first(self) -> ReviewQuerySet:
        return self.order_by("-created_at", "-id")

    def diary(self) -> ReviewQuerySet:
        """Entries with a watched date, most recently watched first."""
        return self.filter(watched_on__isnull=False).order_by("-watched_on", "-id")

    def with_text(self) -> ReviewQuerySet:
        return self.exclude(text="")

    def for_list(self) -> ReviewQuerySet:
        """Everything a review row needs: the film card columns and the tags (2 queries)."""
        return self.select_related("film").prefetch_related("tags")


class Review(models.Model):
    """One log of a film: a rating, a review text and/or a watched date (a diary entry)."""

    class Source(models.TextChoices):
        APP = "app", "App"
        IMPORT = "import", "Import"
        API = "api", "API"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviews"
    )
    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="reviews")
    # One stored scale, 0-10 in half steps; a Decimal so dedup compares exactly.
    rating = models.DecimalField(
        max_digits=3,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(10))],
    )
    text = models.TextField(max_length=MAX_TEXT, blank=True)
    watched_on = models.DateField(null=True, blank=True)
    rewatch = models.BooleanField(default=False)
    source = models.CharField(max_length=6, choices=Source.choices, default=Source.APP)
    fingerprint = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # Dedup holds under concurrency too: two identical POSTs cannot both insert.
            models.UniqueConstraint(fields=["user", "fingerprint"], name="review_unique_per_user"),
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=0, rating__lte=10),
                name="review_rating_range",
            ),
        ]
        indexes = [
            models.Index(fields=["user", "-created_at", "-id"], name="review_user_created_idx"),
            models.Index(fields=["user", "-watched_on", "-id"], name="review_user_watched_idx"),
            models.Index(fields=["film", "-created_at"], name="review_film_created_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user} on {self.film}"

    def save(self, *args, **kwargs) -> None:
        self.fingerprint = review_fingerprint(
            film_id=self.film_id, rating=self.rating, text=self.text, watched_on=self.watched_on
        )
        super().save(*args, **kwargs)

    @property
    def stars(self) -> str:
        """The rating as Letterboxd-style stars (10 -> five stars)."""
        if self.rating is None:
            return ""
        halves = int(self.rating)
        return "★" * (halves // 2) + ("½" if halves % 2 else "")

    @property
    def tag_names(self) -> list[str]:
        return [tag.name for tag in self.tags.all()]


class ReviewTag(models.Model):
    """A tag on a review, in the order the member gave them."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="tags")
    name = models.CharField(max_length=MAX_TAG_LENGTH)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["review", "name"], name="review_tag_unique")]
        indexes = [models.Index(fields=["name"], name="review_tag_name_idx")]

    def __str__(self) -> str:
        return self.name


class WatchlistEntry(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="watchlist"
    )
    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="watchlisted_by")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-added_at", "-id"]
        verbose_name_plural = "watchlist entries"
        constraints = [
            models.UniqueConstraint(fields=["user", "film"], name="watchlist_unique_film")
        ]
        indexes = [models.Index(fields=["user", "-added_at", "-id"], name="watchlist_user_idx")]

    def __str__(self) -> str:
        return f"{self.film} on {self.user}'s watchlist"


class FilmLike(models.Model):
    """A liked film (Letterboxd's heart)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="likes"
    )
    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="liked_by")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "film"], name="like_unique_film")]

    def __str__(self) -> str:
        return f"{self.user} likes {self.film}"


class FavouriteFilm(models.Model):
    """A film the member pins to their profile, in their order."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="favourites"
    )
    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="favourited_by")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "film"], name="favourite_unique_film")
        ]

    def __str__(self) -> str:
        return f"{self.user}'s favourite {self.film}"


def new_list_token() -> str:
    # 128 bits: an unlisted list's URL cannot be guessed.
    return secrets.token_urlsafe(16)


class FilmListQuerySet(models.QuerySet):
    def public(self) -> FilmListQuerySet:
        return self.filter(visibility=FilmList.Visibility.PUBLIC)

    def visible_to(self, user) -> FilmListQuerySet:
        """Lists `user` may open by link: any public or unlisted list, and their own."""
        shared = models.Q(visibility__in=[FilmList.Visibility.PUBLIC, FilmList.Visibility.UNLISTED])
        if user is not None and user.is_authenticated:
            shared |= models.Q(user=user)
        return self.filter(shared)

    def with_item_counts(self) -> FilmListQuerySet:
        return self.annotate(item_count=models.Count("items"))


class FilmList(models.Model):
    class Visibility(models.TextChoices):
        PUBLIC = "public", "Public"
        UNLISTED = "unlisted", "Unlisted (anyone with the link)"
        PRIVATE = "private", "Private"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lists"
    )
    name = models.CharField(max_length=200)
    description = models.TextField(max_length=MAX_TEXT, blank=True)
    visibility = models.CharField(
        max_length=8, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    ranked = models.BooleanField(default=False)
    token = models.CharField(max_length=32, unique=True, default=new_list_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = FilmListQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["user", "-updated_at"], name="filmlist_user_idx")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("reviews:list_detail", args=[self.token])


class ListItem(models.Model):
    film_list = models.ForeignKey(FilmList, on_delete=models.CASCADE, related_name="items")
    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="list_items")
    # 1-based rank; kept dense (1..n) by the services that add, move and remove items.
    position = models.PositiveIntegerField()
    note = models.TextField(max_length=MAX_TEXT, blank=True)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["film_list", "film"], name="list_item_unique_film")
        ]
        indexes = [models.Index(fields=["film_list", "position"], name="list_item_position_idx")]

    def __str__(self) -> str:
        return f"{self.position}. {self.film}"


class LetterboxdImport(models.Model):
    """One upload of a Letterboxd export and the background run that imports it.

    The upload is kept in the database, not on local disk, so any worker machine can
    run the task; it is dropped once the import has finished.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="letterboxd_imports"
    )
    filename = models.CharField(max_length=255)
    upload = models.BinaryField(editable=False)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    # {"created": {...}, "unchanged": n, "problems": [{"file", "line", "message"}], "error": str}
    report = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.filename} for {self.user} ({self.status})"

    @property
    def percent(self) -> int:
        if not self.rows_total:
            return 100 if self.status == self.Status.DONE else 0
        return min(100, round(100 * self.rows_done / self.rows_total))
