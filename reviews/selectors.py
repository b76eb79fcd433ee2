"""Reads for the member pages that need more than one queryset."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Prefetch
from django.utils import timezone

from catalog.models import Film
from reviews.models import FavouriteFilm, FilmLike, FilmList, ListItem, Review, WatchlistEntry

CARD_FIELDS = (
    "film__id",
    "film__public_id",
    "film__slug",
    "film__imdb_id",
    "film__title",
    "film__year",
    "film__poster_url",
    "film__poster_file",
    "film__master_score",
    "film__imdb_rating",
)


def is_owner(viewer, owner) -> bool:
    return viewer.is_authenticated and viewer.pk == owner.pk


def lists_shown_on_profile(owner, viewer):
    """The owner sees every list of theirs; everyone else only the public ones."""
    lists = FilmList.objects.filter(user=owner).with_item_counts()
    if not is_owner(viewer, owner):
        lists = lists.public()
    return lists.order_by("-updated_at", "-id")


def profile_stats(owner) -> dict[str, int]:
    """Four counts (4 queries): films logged, this year's diary, reviews, watchlist."""
    reviews = Review.objects.filter(user=owner)
    year_start = dt.date(timezone.localdate().year, 1, 1)
    return {
        "films": reviews.values("film_id").distinct().count(),
        "this_year": reviews.filter(watched_on__gte=year_start).count(),
        "reviews": reviews.with_text().count(),
        "watchlist": WatchlistEntry.objects.filter(user=owner).count(),
    }


def favourite_films(owner) -> list[Film]:
    rows = FavouriteFilm.objects.filter(user=owner).select_related("film")[:12]
    return [row.film for row in rows]


def film_actions_state(viewer, film: Film) -> dict:
    """What the film page's action panel needs for the signed-in viewer (5 queries)."""
    if not viewer.is_authenticated:
        return {}
    own_lists = FilmList.objects.filter(user=viewer).order_by("name", "id")[:200]
    return {
        "own_reviews": list(
            Review.objects.filter(user=viewer, film=film).prefetch_related("tags")[:20]
        ),
        "on_watchlist": WatchlistEntry.objects.filter(user=viewer, film=film).exists(),
        "liked": FilmLike.objects.filter(user=viewer, film=film).exists(),
        "favourite": FavouriteFilm.objects.filter(user=viewer, film=film).exists(),
        "own_lists": list(own_lists),
    }


def list_items(film_list: FilmList):
    return (
        ListItem.objects.filter(film_list=film_list)
        .select_related("film")
        .order_by("position", "id")
    )


def lists_with_first_items(lists, *, posters: int = 4) -> list[FilmList]:
    """Lists with `first_items` (a few films for the poster stack): 2 queries in all.

    The prefetch is sliced (a window function per list), so a 10,000-film list costs
    no more than a 4-film one.
    """
    first = Prefetch("items", queryset=list_items_for_cards()[:posters], to_attr="first_items")
    return list(lists.prefetch_related(first))


def list_items_for_cards():
    return ListItem.objects.select_related("film").order_by("position", "id")


def public_lists():
    return (
        FilmList.objects.public()
        .select_related("user")
        .annotate(item_count=Count("items"))
        .filter(item_count__gt=0)
        .order_by("-updated_at", "-id")
    )
