"""A member's public pages: profile, diary, reviews, lists; and the viewer's watchlist."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from reviews import selectors
from reviews.models import Review, WatchlistEntry
from reviews.views.access import member_page_or_404

PER_PAGE = 50


def _page(request: HttpRequest, queryset):
    return Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))


# /u/<username>/
def profile(request: HttpRequest, username: str) -> HttpResponse:
    owner = member_page_or_404(request, username)
    reviews = Review.objects.filter(user=owner).for_list()
    context = {
        "owner": owner,
        "is_owner": selectors.is_owner(request.user, owner),
        "stats": selectors.profile_stats(owner),
        "favourites": selectors.favourite_films(owner),
        "recent_diary": reviews.diary()[:8],
        "recent_reviews": reviews.with_text().newest_first()[:5],
        "lists": selectors.lists_with_first_items(
            selectors.lists_shown_on_profile(owner, request.user)[:6]
        ),
    }
    return render(request, "reviews/profile.html", context)


# /u/<username>/diary/
def diary(request: HttpRequest, username: str) -> HttpResponse:
    owner = member_page_or_404(request, username)
    entries = Review.objects.filter(user=owner).for_list().diary()
    page = _page(request, entries)
    return render(
        request,
        "reviews/diary.html",
        {"owner": owner, "page": page, "is_owner": selectors.is_owner(request.user, owner)},
    )


# /u/<username>/reviews/
def reviews(request: HttpRequest, username: str) -> HttpResponse:
    owner = member_page_or_404(request, username)
    page = _page(request, Review.objects.filter(user=owner).for_list().with_text().newest_first())
    return render(
        request,
        "reviews/review_list.html",
        {"owner": owner, "page": page, "is_owner": selectors.is_owner(request.user, owner)},
    )


# /u/<username>/lists/
def user_lists(request: HttpRequest, username: str) -> HttpResponse:
    owner = member_page_or_404(request, username)
    lists = selectors.lists_shown_on_profile(owner, request.user)
    page = _page(request, lists)
    page.object_list = selectors.lists_with_first_items(page.object_list)
    return render(
        request,
        "reviews/user_lists.html",
        {"owner": owner, "page": page, "is_owner": selectors.is_owner(request.user, owner)},
    )


# /u/<username>/watchlist/
def user_watchlist(request: HttpRequest, username: str) -> HttpResponse:
    owner = member_page_or_404(request, username, flag="watchlist_public")
    entries = WatchlistEntry.objects.filter(user=owner).select_related("film")
    context = {
        "owner": owner,
        "page": _page(request, entries),
        "is_owner": selectors.is_owner(request.user, owner),
    }
    return render(request, "reviews/watchlist.html", context)


# /lists/
def list_index(request: HttpRequest) -> HttpResponse:
    page = _page(request, selectors.public_lists())
    page.object_list = selectors.lists_with_first_items(page.object_list)
    return render(request, "reviews/list_index.html", {"page": page})


# /watchlist/
@login_required
def watchlist(request: HttpRequest) -> HttpResponse:
    entries = WatchlistEntry.objects.filter(user=request.user).select_related("film")
    return render(request, "reviews/watchlist.html", {"page": _page(request, entries)})
