"""The JSON shapes of the /me API (plain dicts, rendered with orjson)."""

from __future__ import annotations

from catalog.models import Film
from reviews.models import FilmList, ListItem, Review, WatchlistEntry


def film_data(film: Film) -> dict:
    return {
        "id": film.public_id,
        "imdb_id": film.imdb_id,
        "tmdb_id": film.tmdb_id,
        "media_type": "movie",
        "title": film.title,
        "year": film.year,
        "poster_url": film.poster or None,
    }


def review_data(review: Review) -> dict:
    return {
        "id": review.pk,
        "film": film_data(review.film),
        "rating": float(review.rating) if review.rating is not None else None,
        "review": review.text,
        "watched_date": review.watched_on.isoformat() if review.watched_on else None,
        "rewatch": review.rewatch,
        "tags": review.tag_names,
        "source": review.source,
        "created_at": review.created_at,
        "updated_at": review.updated_at,
    }


def watchlist_data(entry: WatchlistEntry) -> dict:
    return {"film": film_data(entry.film), "added_at": entry.added_at}


def list_data(film_list: FilmList, *, item_count: int | None = None) -> dict:
    count = getattr(film_list, "item_count", None) if item_count is None else item_count
    return {
        "id": film_list.pk,
        "name": film_list.name,
        "description": film_list.description,
        "visibility": film_list.visibility,
        "ranked": film_list.ranked,
        "item_count": count,
        "url": film_list.get_absolute_url(),
        "created_at": film_list.created_at,
        "updated_at": film_list.updated_at,
    }


def item_data(item: ListItem) -> dict:
    return {
        "id": item.pk,
        "position": item.position,
        "film": film_data(item.film),
        "note": item.note,
        "added_at": item.added_at,
    }
