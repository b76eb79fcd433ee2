"""Export a member's data: a zip in Letterboxd's layout (so other tools and our own
importer read it back) with `reelbase.json`, everything the member owns as JSON.

Films are named by Name and Year like Letterboxd does, and by their page URL on
this site in the URI columns, so our importer finds them exactly, not by title.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterable
from decimal import Decimal

from django.conf import settings
from django.db.models import Prefetch
from django.utils.text import slugify

from catalog.models import Film
from reviews.letterboxd.archive import HINTS_FILE, LIST_HEADER
from reviews.models import FavouriteFilm, FilmLike, FilmList, ListItem, Review, WatchlistEntry

FILM_COLUMNS = ["Date", "Name", "Year", "Letterboxd URI"]


def film_uri(film: Film) -> str:
    base = getattr(settings, "SITE_URL", "") or "http://localhost:8000"
    return f"{base.rstrip('/')}{film.get_absolute_url()}"


def stars(rating: Decimal | None) -> str:
    """Our 0-10 as Letterboxd's 0-5 stars: 8 -> "4", 7 -> "3.5", 7.5 -> "3.75"."""
    if rating is None:
        return ""
    value = (Decimal(rating) / 2).normalize()
    return f"{value:f}"


def _csv(header: list[str], rows: Iterable[list]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def _film_cells(film: Film) -> list:
    return [film.title, film.year or "", film_uri(film)]


def _review_rows(reviews: list[Review]) -> dict[str, str]:
    diary, with_text, ratings, watched = [], [], [], {}
    for review in reviews:
        date = review.created_at.date().isoformat()
        tags = ", ".join(review.tag_names)
        rewatch = "Yes" if review.rewatch else ""
        watched_on = review.watched_on.isoformat() if review.watched_on else ""
        film = _film_cells(review.film)
        if review.watched_on:
            diary.append([date, *film, stars(review.rating), rewatch, tags, watched_on])
        if review.text:
            with_text.append(
                [date, *film, stars(review.rating), rewatch, review.text, tags, watched_on]
            )
        elif not review.watched_on and review.rating is not None:
            ratings.append([date, *film, stars(review.rating)])
        watched.setdefault(review.film_id, [date, *film])
    return {
        "diary.csv": _csv([*FILM_COLUMNS, "Rating", "Rewatch", "Tags", "Watched Date"], diary),
        "reviews.csv": _csv(
            [*FILM_COLUMNS, "Rating", "Rewatch", "Review", "Tags", "Watched Date"], with_text
        ),
        "ratings.csv": _csv([*FILM_COLUMNS, "Rating"], ratings),
        "watched.csv": _csv(FILM_COLUMNS, watched.values()),
    }


def _list_csv(film_list: FilmList, items: list[ListItem]) -> str:
    buffer = io.StringIO()
    buffer.write(LIST_HEADER + "\n")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["Date", "Name", "Tags", "URL", "Description"])
    writer.writerow(
        [film_list.created_at.date().isoformat(), film_list.name, "", "", film_list.description]
    )
    buffer.write("\n")
    writer.writerow(["Position", "Name", "Year", "URL", "Description"])
    for item in items:
        writer.writerow([item.position, *_film_cells(item.film), item.note])
    return buffer.getvalue()


def _list_files(lists: list[FilmList]) -> dict[str, str]:
    """`lists/<slug>.csv` per list, in the given order (names made unique)."""
    files: dict[str, str] = {}
    for film_list in lists:
        base = slugify(film_list.name)[:80] or "list"
        name, n = f"lists/{base}.csv", 1
        while name in files:
            n += 1
            name = f"lists/{base}-{n}.csv"
        files[name] = _list_csv(film_list, list(film_list.items.all()))
    return files


def _dated_films(entries: Iterable[tuple]) -> list[list]:
    return [[date.isoformat(), *_film_cells(film)] for date, film in entries]


def user_data(user) -> dict:
    """Everything the member owns in the reviews app, as plain JSON-able data."""
    reviews = list(
        Review.objects.filter(user=user)
        .select_related("film")
        .prefetch_related("tags")
        .order_by("created_at", "id")
    )
    lists = list(
        FilmList.objects.filter(user=user)
        .prefetch_related(_items_prefetch())
        .order_by("created_at", "id")
    )
    return {
        "format": "reelbase-export-1",
        "user": {
            "username": user.username,
            "email": user.email,
            "display_name": getattr(user, "display_name", ""),
            "bio": getattr(user, "bio", ""),
            "date_joined": user.date_joined.isoformat(),
        },
        "reviews": [
            {
                "id": r.pk,
                "film": r.film.public_id,
                "title": r.film.title,
                "year": r.film.year,
                "rating": float(r.rating) if r.rating is not None else None,
                "review": r.text,
                "watched_date": r.watched_on.isoformat() if r.watched_on else None,
                "rewatch": r.rewatch,
                "tags": r.tag_names,
                "source": r.source,
                "created_at": r.created_at.isoformat(),
                "updated_at": r.updated_at.isoformat(),
            }
            for r in reviews
        ],
        "watchlist": [
            {"film": e.film.public_id, "title": e.film.title, "added_at": e.added_at.isoformat()}
            for e in WatchlistEntry.objects.filter(user=user).select_related("film")
        ],
        "likes": [
            {
                "film": e.film.public_id,
                "title": e.film.title,
                "created_at": e.created_at.isoformat(),
            }
            for e in FilmLike.objects.filter(user=user).select_related("film")
        ],
        "favourites": [
            {"film": e.film.public_id, "title": e.film.title, "position": e.position}
            for e in FavouriteFilm.objects.filter(user=user).select_related("film")
        ],
        "lists": [
            {
                "id": fl.pk,
                "name": fl.name,
                "description": fl.description,
                "visibility": fl.visibility,
                "ranked": fl.ranked,
                "created_at": fl.created_at.isoformat(),
                "items": [
                    {
                        "position": i.position,
                        "film": i.film.public_id,
                        "title": i.film.title,
                        "note": i.note,
                    }
                    for i in fl.items.all()
                ],
            }
            for fl in lists
        ],
    }


def _items_prefetch() -> Prefetch:
    return Prefetch("items", queryset=ListItem.objects.select_related("film").order_by("position"))


def export_files(user) -> dict[str, str]:
    """The export's files by name (what the zip holds)."""
    reviews = list(
        Review.objects.filter(user=user)
        .select_related("film")
        .prefetch_related("tags")
        .order_by("watched_on", "created_at", "id")
    )
    files = _review_rows(reviews)
    watchlist = WatchlistEntry.objects.filter(user=user).select_related("film")
    likes = FilmLike.objects.filter(user=user).select_related("film")
    files["watchlist.csv"] = _csv(
        FILM_COLUMNS,
        _dated_films((e.added_at.date(), e.film) for e in watchlist.order_by("added_at", "id")),
    )
    files["likes/films.csv"] = _csv(
        FILM_COLUMNS,
        _dated_films((e.created_at.date(), e.film) for e in likes.order_by("created_at", "id")),
    )
    files["profile.csv"] = _profile_csv(user)
    lists = FilmList.objects.filter(user=user).prefetch_related(_items_prefetch())
    list_files = _list_files(list(lists.order_by("created_at", "id")))
    files.update(list_files)
    data = user_data(user)
    # user_data orders lists like _list_files does, so the n-th file is the n-th list.
    for entry, name in zip(data["lists"], list_files, strict=True):
        entry["file"] = name
    files[HINTS_FILE] = json.dumps(data, indent=2, ensure_ascii=False)
    return files


def _profile_csv(user) -> str:
    favourites = FavouriteFilm.objects.filter(user=user).select_related("film")
    header = ["Date Joined", "Username", "Given Name", "Family Name", "Email Address"]
    header += ["Location", "Website", "Bio", "Pronoun", "Favorite Films"]
    row = [user.date_joined.date().isoformat(), user.username, user.first_name, user.last_name]
    row += [user.email, "", "", getattr(user, "bio", ""), ""]
    row.append(", ".join(film_uri(f.film) for f in favourites))
    return _csv(header, [row])


def export_zip(user) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in export_files(user).items():
            archive.writestr(name, text)
    return buffer.getvalue()
