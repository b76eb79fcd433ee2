"""Demo members and their film lives for `seed_demo`: reviews, diary entries (with
rewatches and tags), watchlists, likes, favourites and public, unlisted and private lists.

Deterministic for a seed, bulk-written (a few queries per member, not per row), and
idempotent: members who already have reviews are left alone. Community ratings are
rebuilt from the reviews at the end (the services update them incrementally one review at
a time; here a bulk rebuild is the same result, far faster).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from catalog.models import Film
from reviews.models import (
    FavouriteFilm,
    FilmLike,
    FilmList,
    ListItem,
    Review,
    ReviewTag,
    WatchlistEntry,
    review_fingerprint,
)
from reviews.services import rebuild_community_ratings

DEMO_MEMBERS = (
    "mara",
    "theo",
    "ines",
    "kofi",
    "yuki",
    "lena",
    "omar",
    "sofia",
    "ravi",
    "ada",
    "jonas",
    "priya",
    "diego",
    "nora",
    "felix",
    "hana",
    "luca",
    "zoe",
    "amir",
    "elif",
)
# The demo accounts from accounts.demo get activity too, so logging in shows a full site.
ACCOUNT_USERNAMES = ("free", "writer", "producer", "studio")
TAGS = (
    "cinema",
    "rewatch-worthy",
    "35mm",
    "streaming",
    "festival",
    "with friends",
    "comfort",
    "slow burn",
    "date night",
    "criterion",
)
OPENINGS = (
    "A quiet triumph.",
    "Overrated, honestly.",
    "I keep thinking about the ending.",
    "The score does half the work.",
    "Better on a big screen.",
    "Not for me.",
    "Every frame a painting.",
    "Funnier than I remembered.",
    "A slog in the middle.",
    "The cast is having a great time.",
)
LIST_NAMES = (
    "Comfort watches",
    "Best of the decade",
    "To show my parents",
    "Midnight movies",
    "Perfect runtimes",
    "Desert island films",
    "Underseen gems",
    "Rainy Sundays",
)
DEMO_PASSWORD = "reelbase-demo"  # noqa: S105 - the demo password printed by `make run`


@dataclass
class DemoReport:
    members: int = 0
    reviews: int = 0
    lists: int = 0
    list_items: int = 0
    watchlist: int = 0


def _members(rng: random.Random) -> list:
    User = get_user_model()
    members = []
    # One hash for all: the demo password is public anyway, and argon2 is slow on purpose.
    password = make_password(DEMO_PASSWORD)
    for username in DEMO_MEMBERS:
        user = User.objects.filter(username__iexact=username).first()
        if user is None:
            user = User(
                username=username,
                email=f"{username}@demo.reelbase.test",
                display_name=username.title(),
                bio=rng.choice(
                    (
                        "Watches everything once.",
                        "Horror first, questions later.",
                        "Slow cinema apologist.",
                        "",
                    )
                ),
            )
            user.password = password
            user.save()
        members.append(user)
    members += list(User.objects.filter(username__in=ACCOUNT_USERNAMES))
    return members


def _rating(rng: random.Random) -> Decimal | None:
    if rng.random() < 0.15:
        return None
    return Decimal(min(20, max(1, round(rng.gauss(13, 3.5))))) / 2


@transaction.atomic
def _seed_member(user, films: list[int], rng: random.Random, report: DemoReport) -> None:
    today = dt.date.today()
    picks = rng.sample(films, k=min(len(films), rng.randint(15, 60)))
    reviews, tags = [], []
    for film_id in picks:
        watched = today - dt.timedelta(days=rng.randint(0, 900)) if rng.random() < 0.8 else None
        text = ""
        if rng.random() < 0.35:
            text = " ".join(rng.sample(OPENINGS, k=rng.randint(1, 3)))
        for rewatch in (False, True) if watched and rng.random() < 0.08 else (False,):
            when = watched + dt.timedelta(days=rng.randint(30, 300)) if rewatch else watched
            when = min(when, today) if when else None
            review = Review(
                user=user,
                film_id=film_id,
                rating=_rating(rng),
                text=text,
                watched_on=when,
                rewatch=rewatch,
                source=Review.Source.APP,
            )
            review.fingerprint = review_fingerprint(
                film_id=film_id, rating=review.rating, text=text, watched_on=when
            )
            reviews.append(review)
    # bulk_create skips save(): fingerprints are set above; identical rows are dropped.
    seen, unique = set(), []
    for review in reviews:
        if review.fingerprint not in seen:
            seen.add(review.fingerprint)
            unique.append(review)
    Review.objects.bulk_create(unique, batch_size=500)
    for review in Review.objects.filter(user=user).only("id"):
        for position, name in enumerate(rng.sample(TAGS, k=rng.choice((0, 0, 1, 2)))):
            tags.append(ReviewTag(review_id=review.pk, name=name, position=position))
    ReviewTag.objects.bulk_create(tags, batch_size=1000)
    report.reviews += len(unique)

    rest = [f for f in films if f not in set(picks)]
    watchlist = rng.sample(rest, k=min(len(rest), rng.randint(5, 25)))
    WatchlistEntry.objects.bulk_create(
        [WatchlistEntry(user=user, film_id=f) for f in watchlist], ignore_conflicts=True
    )
    report.watchlist += len(watchlist)
    FilmLike.objects.bulk_create(
        [FilmLike(user=user, film_id=f) for f in picks[: rng.randint(3, 12)]], ignore_conflicts=True
    )
    FavouriteFilm.objects.bulk_create(
        [FavouriteFilm(user=user, film_id=f, position=n) for n, f in enumerate(picks[:4], 1)],
        ignore_conflicts=True,
    )
    _seed_lists(user, films, rng, report)


def _seed_lists(user, films: list[int], rng: random.Random, report: DemoReport) -> None:
    visibilities = [FilmList.Visibility.PUBLIC] * 3 + [
        FilmList.Visibility.UNLISTED,
        FilmList.Visibility.PRIVATE,
    ]
    for name in rng.sample(LIST_NAMES, k=rng.randint(1, 3)):
        film_list = FilmList.objects.create(
            user=user,
            name=name,
            description=rng.choice(("", "In no particular order.", "Ranked, argue with me.")),
            visibility=rng.choice(visibilities),
            ranked=rng.random() < 0.5,
        )
        members = rng.sample(films, k=min(len(films), rng.randint(4, 20)))
        ListItem.objects.bulk_create(
            ListItem(
                film_list=film_list,
                film_id=f,
                position=n,
                note=rng.choice(("", "", "The one that started it all.", "Underrated.")),
            )
            for n, f in enumerate(members, 1)
        )
        report.lists += 1
        report.list_items += len(members)


def seed_member_activity(*, seed: int = 1, film_pool: int = 2000) -> DemoReport:
    """Members with reviews, diaries, watchlists, likes, favourites and lists (idempotent)."""
    rng = random.Random(seed)
    report = DemoReport()
    films = list(
        Film.objects.order_by("-popularity", "id").values_list("id", flat=True)[:film_pool]
    )
    if not films:
        return report
    for user in _members(rng):
        member_rng = random.Random(f"{seed}:{user.username}")
        if Review.objects.filter(user=user).exists():
            continue
        _seed_member(user, films, member_rng, report)
        report.members += 1
    rebuild_community_ratings(Film.objects.filter(id__in=films))
    return report
