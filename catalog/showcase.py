"""What the home page shows: trending, top rated, recent reviews, popular lists.

Each read is bounded by an index, whatever the catalog's size: "this week" and "popular"
look only at the most recent rows by primary key instead of scanning whole tables.
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, Prefetch
from django.utils import timezone

from catalog.models import Film
from reviews.models import FilmList, ListItem, Review

# How many of the newest reviews "trending this week" counts: bounded work on any table size.
TRENDING_WINDOW_REVIEWS = 2000
# How many recently updated public lists compete for "popular".
POPULAR_LIST_WINDOW = 200


def trending_films(*, limit: int = 12) -> list[Film]:
    """Films most reviewed this week, topped up with the catalog's most popular films."""
    week_ago = timezone.now() - timedelta(days=7)
    recent_ids = Review.objects.order_by("-id").values("id")[:TRENDING_WINDOW_REVIEWS]
    counts = (
        Review.objects.filter(id__in=recent_ids, created_at__gte=week_ago)
        .values("film_id")
        .annotate(n=Count("id"))
        .order_by("-n", "film_id")[:limit]
    )
    ranked_ids = [row["film_id"] for row in counts]
    films = Film.objects.for_card()
    if len(ranked_ids) < limit:
        ranked_ids += list(
            films.exclude(id__in=ranked_ids)
            .order_by("-popularity", "id")
            .values_list("id", flat=True)[: limit - len(ranked_ids)]
        )
    by_id = films.in_bulk(ranked_ids)
    return [by_id[pk] for pk in ranked_ids if pk in by_id]


def top_rated_films(*, limit: int = 10) -> list[Film]:
    return list(Film.objects.for_card().top_rated()[:limit])


def recent_reviews(*, limit: int = 6) -> list[Review]:
    """The newest reviews with text, newest first (by id: the primary key index)."""
    return list(
        Review.objects.with_text()
        .select_related("film", "user")
        .only(
            "id",
            "rating",
            "text",
            "created_at",
            "watched_on",
            "film__id",
            "film__public_id",
            "film__title",
            "film__year",
            "film__poster_url",
            "film__poster_file",
            "user__id",
            "user__username",
            "user__display_name",
        )  # fmt: skip
        .order_by("-id")[:limit]
    )


def popular_lists(*, limit: int = 6) -> list[FilmList]:
    """Among recently updated public lists, the longest, each with its first four films."""
    window = FilmList.objects.public().order_by("-updated_at", "-id").values("id")
    first_items = ListItem.objects.select_related("film").order_by("position", "id")
    return list(
        FilmList.objects.filter(id__in=window[:POPULAR_LIST_WINDOW])
        .with_item_counts()
        .filter(item_count__gt=0)
        .select_related("user")
        .prefetch_related(Prefetch("items", queryset=first_items[:4], to_attr="first_items"))
        .order_by("-item_count", "-id")[:limit]
    )
