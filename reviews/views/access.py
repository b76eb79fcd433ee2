"""The one place the HTML views decide who may see or change what.

Anything private that is not the viewer's own is a 404, never a 403: a private list's
existence is nobody else's business.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.http import url_has_allowed_host_and_scheme

from catalog.models import Film
from reviews.models import FilmList, ListItem, Review


def member_or_404(username: str):
    return get_object_or_404(get_user_model(), username__iexact=username, is_active=True)


def member_page_or_404(request: HttpRequest, username: str, *, flag: str = "profile_public"):
    """A member whose pages the viewer may see: their own, or ones they made public
    (accounts' privacy settings: `profile_public`, `watchlist_public`)."""
    member = member_or_404(username)
    is_self = request.user.is_authenticated and request.user.pk == member.pk
    if not is_self and not getattr(member, flag, True):
        raise Http404("No such member page")
    return member


def film_or_404(public_id: str) -> Film:
    film = Film.objects.by_public_id(public_id).first()
    if film is None:
        raise Http404("No film with this id")
    return film


def list_for_viewer(request: HttpRequest, token: str) -> FilmList:
    """Public and unlisted lists for anyone with the link; private ones for the owner."""
    return get_object_or_404(
        FilmList.objects.visible_to(request.user).select_related("user"), token=token
    )


def own_list(request: HttpRequest, token: str) -> FilmList:
    if not request.user.is_authenticated:
        raise Http404("No such list")
    return get_object_or_404(FilmList, token=token, user=request.user)


def own_item(film_list: FilmList, item_id: int) -> ListItem:
    return get_object_or_404(ListItem, pk=item_id, film_list=film_list)


def own_review(request: HttpRequest, review_id: int) -> Review:
    if not request.user.is_authenticated:
        raise Http404("No such review")
    return get_object_or_404(Review.objects.select_related("film"), pk=review_id, user=request.user)


def safe_next(request: HttpRequest, fallback: str) -> str:
    """Where to go after a POST: the form's `next` if it stays on this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback
