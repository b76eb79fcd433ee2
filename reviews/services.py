"""Every write to a member's film data. Web forms, the API, the batch endpoint and the
Letterboxd importer all call these, so one rule lives in one place.

Invalid input raises django.core.exceptions.ValidationError with a message per field;
callers turn that into a form error or an API 400.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Avg, Case, Count, F, FloatField, Max, Value, When
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from catalog.models import Film
from catalog.scoring import recompute_scores, refresh_film_score
from reviews.models import (
    MAX_TAG_LENGTH,
    MAX_TAGS,
    MAX_TEXT,
    FavouriteFilm,
    FilmLike,
    FilmList,
    ListItem,
    Review,
    ReviewTag,
    WatchlistEntry,
    review_fingerprint,
)


class _Unset:
    def __repr__(self) -> str:
        return "UNSET"


UNSET: Any = _Unset()
# Film ids whose master score waits for the end of a `scores_refreshed_once()` block.
_deferred_scores: ContextVar[set[int] | None] = ContextVar("deferred_scores", default=None)


class ReviewOutcome(NamedTuple):
    review: Review
    deduplicated: bool


class ReviewConflict(Exception):
    """An edit would make a review identical to another of the member's reviews."""

    def __init__(self, existing: Review) -> None:
        super().__init__("An identical review already exists.")
        self.existing = existing


# --- validation ---------------------------------------------------------------------------


def clean_rating(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValidationError({"rating": "Rating must be a number from 0 to 10."})
    try:
        rating = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValidationError({"rating": "Rating must be a number from 0 to 10."}) from None
    if not rating.is_finite() or not 0 <= rating <= 10:
        raise ValidationError({"rating": "Rating must be a number from 0 to 10."})
    if (rating * 2) % 1:
        raise ValidationError({"rating": "Rating must be in steps of 0.5."})
    return rating.quantize(Decimal("0.1"))


def clean_text(value: Any, *, field: str = "text") -> str:
    text = "" if value is None else value
    if not isinstance(text, str):
        raise ValidationError({field: "Must be a string."})
    text = text.strip()
    if len(text) > MAX_TEXT:
        raise ValidationError({field: f"At most {MAX_TEXT:,} characters."})
    return text


def clean_watched_on(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            raise ValidationError({"watched_date": "Use the YYYY-MM-DD format."}) from None
    if not isinstance(value, dt.date):
        raise ValidationError({"watched_date": "Use the YYYY-MM-DD format."})
    if value > timezone.localdate():
        raise ValidationError({"watched_date": "The watched date cannot be in the future."})
    return value


def clean_tags(value: Any) -> list[str]:
    """Tags trimmed and de-duplicated (case-insensitively), in the order given."""
    if value is None:
        return []
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise ValidationError({"tags": "Tags must be a list of strings."})
    tags: list[str] = []
    seen: set[str] = set()
    for raw in value:
        if not isinstance(raw, str):
            raise ValidationError({"tags": "Tags must be a list of strings."})
        tag = " ".join(raw.split())
        if not tag or tag.lower() in seen:
            continue
        if len(tag) > MAX_TAG_LENGTH:
            raise ValidationError({"tags": f"Each tag is at most {MAX_TAG_LENGTH} characters."})
        if "," in tag:
            # Letterboxd separates tags with commas; one would split on export.
            raise ValidationError({"tags": "Tags cannot contain commas."})
        seen.add(tag.lower())
        tags.append(tag)
    if len(tags) > MAX_TAGS:
        raise ValidationError({"tags": f"At most {MAX_TAGS} tags."})
    return tags


# --- community rating ---------------------------------------------------------------------


def _shift_community_rating(film_id: int, *, added: Decimal | None, removed: Decimal | None):
    """Move the film's community mean by one rating in and/or one out, in one UPDATE."""
    if added is None and removed is None:
        return
    if added is not None and removed is not None and added == removed:
        return
    delta_votes = (added is not None) - (removed is not None)
    delta_sum = float(added or 0) - float(removed or 0)
    old_sum = Coalesce(F("community_rating"), Value(0.0)) * Cast(F("community_votes"), FloatField())
    new_votes = F("community_votes") + Value(delta_votes)
    Film.objects.filter(pk=film_id).update(
        community_rating=Case(
            When(community_votes__lte=-delta_votes, then=Value(None)),
            default=(old_sum + Value(delta_sum)) / Cast(new_votes, FloatField()),
            output_field=FloatField(),
        ),
        community_votes=Case(
            When(community_votes__lte=-delta_votes, then=Value(0)), default=new_votes
        ),
    )
    pending = _deferred_scores.get()
    if pending is None:
        refresh_film_score(film_id)
    else:
        pending.add(film_id)


@contextmanager
def scores_refreshed_once() -> Iterator[None]:
    """Inside this block, master scores are refreshed once per film at the end, in one
    UPDATE, instead of after every write (the importer's chunks use this)."""
    pending: set[int] = set()
    token = _deferred_scores.set(pending)
    try:
        yield
    finally:
        _deferred_scores.reset(token)
        if pending:
            recompute_scores(Film.objects.filter(pk__in=pending), refresh_means=False)


def rebuild_community_ratings(films=None) -> int:
    """Recompute community_rating/votes from every rated review (what the increments track)."""
    target = Film.objects.all() if films is None else films
    rated = Review.objects.filter(rating__isnull=False)
    stats = {
        row["film_id"]: row
        for row in rated.values("film_id").annotate(mean=Avg("rating"), votes=Count("id"))
    }
    changed = []
    for film in target.only("id", "community_rating", "community_votes").iterator(2000):
        row = stats.get(film.id)
        mean = float(row["mean"]) if row else None
        votes = row["votes"] if row else 0
        if film.community_votes != votes or film.community_rating != mean:
            film.community_rating, film.community_votes = mean, votes
            changed.append(film)
    Film.objects.bulk_update(changed, ["community_rating", "community_votes"], batch_size=1000)
    return len(changed)


# --- reviews ------------------------------------------------------------------------------


def _set_tags(review: Review, tags: list[str]) -> None:
    review.tags.all().delete()
    ReviewTag.objects.bulk_create(
        ReviewTag(review=review, name=name, position=i) for i, name in enumerate(tags)
    )


def review_create(
    *,
    user,
    film: Film,
    rating: Any = None,
    text: Any = "",
    watched_on: Any = None,
    rewatch: bool = False,
    tags: Any = (),
    source: str = Review.Source.APP,
) -> ReviewOutcome:
    """Log a film. An identical review (film, rating, text, watched date) is returned as is."""
    rating = clean_rating(rating)
    text = clean_text(text)
    watched_on = clean_watched_on(watched_on)
    tags = clean_tags(tags)
    fingerprint = review_fingerprint(
        film_id=film.pk, rating=rating, text=text, watched_on=watched_on
    )
    existing = Review.objects.filter(user=user, fingerprint=fingerprint).first()
    if existing is not None:
        return ReviewOutcome(existing, True)
    review = Review(
        user=user,
        film=film,
        rating=rating,
        text=text,
        watched_on=watched_on,
        rewatch=bool(rewatch),
        source=source,
    )
    try:
        with transaction.atomic():
            review.save()
            _set_tags(review, tags)
            _shift_community_rating(film.pk, added=rating, removed=None)
    except IntegrityError:
        # A concurrent identical write won the unique constraint: that one is the review.
        existing = Review.objects.filter(user=user, fingerprint=fingerprint).first()
        if existing is None:
            raise
        return ReviewOutcome(existing, True)
    return ReviewOutcome(review, False)


@transaction.atomic
def review_update(
    *,
    review: Review,
    rating: Any = UNSET,
    text: Any = UNSET,
    watched_on: Any = UNSET,
    rewatch: Any = UNSET,
    tags: Any = UNSET,
) -> Review:
    old_rating = review.rating
    if rating is not UNSET:
        review.rating = clean_rating(rating)
    if text is not UNSET:
        review.text = clean_text(text)
    if watched_on is not UNSET:
        review.watched_on = clean_watched_on(watched_on)
    if rewatch is not UNSET:
        if not isinstance(rewatch, bool):
            raise ValidationError({"rewatch": "Must be true or false."})
        review.rewatch = rewatch
    new_tags = clean_tags(tags) if tags is not UNSET else None
    fingerprint = review_fingerprint(
        film_id=review.film_id,
        rating=review.rating,
        text=review.text,
        watched_on=review.watched_on,
    )
    twin = Review.objects.filter(user_id=review.user_id, fingerprint=fingerprint).exclude(
        pk=review.pk
    )
    if twin.exists():
        raise ReviewConflict(twin.first())
    review.save()
    if new_tags is not None:
        _set_tags(review, new_tags)
    _shift_community_rating(review.film_id, added=review.rating, removed=old_rating)
    return review


@transaction.atomic
def review_delete(*, review: Review) -> None:
    film_id, rating = review.film_id, review.rating
    review.delete()
    _shift_community_rating(film_id, added=None, removed=rating)


# --- watchlist, likes, favourites -----------------------------------------------------------


def watchlist_add(*, user, film: Film) -> tuple[WatchlistEntry, bool]:
    return WatchlistEntry.objects.get_or_create(user=user, film=film)


def watchlist_remove(*, user, film: Film) -> bool:
    deleted, _ = WatchlistEntry.objects.filter(user=user, film=film).delete()
    return bool(deleted)


def like_set(*, user, film: Film, liked: bool) -> bool:
    """Like or unlike a film; returns whether anything changed."""
    if liked:
        _, created = FilmLike.objects.get_or_create(user=user, film=film)
        return created
    deleted, _ = FilmLike.objects.filter(user=user, film=film).delete()
    return bool(deleted)


def favourite_set(*, user, film: Film, favourite: bool) -> bool:
    """Pin a film to the end of the profile favourites, or unpin it."""
    if not favourite:
        deleted, _ = FavouriteFilm.objects.filter(user=user, film=film).delete()
        return bool(deleted)
    last = FavouriteFilm.objects.filter(user=user).aggregate(last=Max("position"))["last"]
    _, created = FavouriteFilm.objects.get_or_create(
        user=user, film=film, defaults={"position": (last or 0) + 1}
    )
    return created


# --- lists --------------------------------------------------------------------------------


def _clean_list_fields(name: Any, description: Any, visibility: Any, ranked: Any) -> dict:
    fields: dict[str, Any] = {}
    if name is not UNSET:
        if not isinstance(name, str) or not name.strip():
            raise ValidationError({"name": "A list needs a name."})
        if len(name.strip()) > 200:
            raise ValidationError({"name": "At most 200 characters."})
        fields["name"] = name.strip()
    if description is not UNSET:
        fields["description"] = clean_text(description, field="description")
    if visibility is not UNSET:
        if visibility not in FilmList.Visibility.values:
            choices = ", ".join(FilmList.Visibility.values)
            raise ValidationError({"visibility": f"One of: {choices}."})
        fields["visibility"] = visibility
    if ranked is not UNSET:
        if not isinstance(ranked, bool):
            raise ValidationError({"ranked": "Must be true or false."})
        fields["ranked"] = ranked
    return fields


def list_create(
    *,
    user,
    name: str,
    description: str = "",
    visibility: str = FilmList.Visibility.PUBLIC,
    ranked: bool = False,
) -> FilmList:
    fields = _clean_list_fields(name, description, visibility, ranked)
    return FilmList.objects.create(user=user, **fields)


def list_update(
    *,
    film_list: FilmList,
    name: Any = UNSET,
    description: Any = UNSET,
    visibility: Any = UNSET,
    ranked: Any = UNSET,
) -> FilmList:
    fields = _clean_list_fields(name, description, visibility, ranked)
    for key, value in fields.items():
        setattr(film_list, key, value)
    film_list.save(update_fields=[*fields, "updated_at"])
    return film_list


def list_delete(*, film_list: FilmList) -> None:
    film_list.delete()


def _lock(film_list: FilmList) -> int:
    """Serialise position changes on one list; returns its current item count."""
    FilmList.objects.select_for_update().filter(pk=film_list.pk).first()
    return film_list.items.count()


def _clean_position(position: Any, *, upper: int) -> int:
    if isinstance(position, bool) or not isinstance(position, int):
        raise ValidationError({"position": "Position must be a whole number."})
    if position < 1:
        raise ValidationError({"position": "Position starts at 1."})
    return min(position, upper)


def _touch(film_list: FilmList) -> None:
    FilmList.objects.filter(pk=film_list.pk).update(updated_at=timezone.now())


@transaction.atomic
def list_add_item(
    *, film_list: FilmList, film: Film, note: Any = "", position: Any = None
) -> tuple[ListItem, bool]:
    """Add a film (at the end, or at `position`); a film already on the list is returned as is."""
    note = clean_text(note, field="note")
    count = _lock(film_list)
    existing = film_list.items.filter(film=film).first()
    if existing is not None:
        return existing, False
    target = count + 1 if position is None else _clean_position(position, upper=count + 1)
    film_list.items.filter(position__gte=target).update(position=F("position") + 1)
    item = ListItem.objects.create(film_list=film_list, film=film, note=note, position=target)
    _touch(film_list)
    return item, True


@transaction.atomic
def list_move_item(*, item: ListItem, position: Any) -> ListItem:
    count = _lock(item.film_list)
    target = _clean_position(position, upper=count)
    current = item.position
    siblings = item.film_list.items.exclude(pk=item.pk)
    if target < current:
        siblings.filter(position__gte=target, position__lt=current).update(
            position=F("position") + 1
        )
    elif target > current:
        siblings.filter(position__gt=current, position__lte=target).update(
            position=F("position") - 1
        )
    item.position = target
    item.save(update_fields=["position"])
    _touch(item.film_list)
    return item


@transaction.atomic
def list_update_item(*, item: ListItem, note: Any = UNSET, position: Any = UNSET) -> ListItem:
    if note is not UNSET:
        item.note = clean_text(note, field="note")
        item.save(update_fields=["note"])
    if position is not UNSET:
        list_move_item(item=item, position=position)
    _touch(item.film_list)
    return item


@transaction.atomic
def list_remove_item(*, item: ListItem) -> None:
    _lock(item.film_list)
    item.film_list.items.filter(position__gt=item.position).update(position=F("position") - 1)
    item.delete()
    _touch(item.film_list)


@transaction.atomic
def list_reorder(*, film_list: FilmList, item_ids: list[int]) -> None:
    """Put the items in the given order (the drag-and-drop save); ids must be the full set."""
    _lock(film_list)
    current = dict(film_list.items.values_list("pk", "position"))
    if sorted(item_ids) != sorted(current) or len(set(item_ids)) != len(item_ids):
        raise ValidationError({"order": "The order must name every item of the list once."})
    items = [ListItem(pk=pk, position=i) for i, pk in enumerate(item_ids, start=1)]
    ListItem.objects.bulk_update(
        [item for item in items if current[item.pk] != item.position], ["position"]
    )
    _touch(film_list)
