"""The film page's actions: log/rate/review, watchlist, like, favourite, add to a list;
and editing or deleting one's own reviews. POST-only forms that work without JavaScript."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from reviews import services
from reviews.forms import ReviewForm, add_service_errors
from reviews.views.access import film_or_404, own_list, own_review, safe_next


def _review_fields(form: ReviewForm) -> dict:
    data = form.cleaned_data
    return {
        "rating": data["rating"],
        "text": data["text"],
        "watched_on": data["watched_on"],
        "rewatch": data["rewatch"],
        "tags": data["tags"],
    }


# /films/<id>/log/
@login_required
def log_film(request: HttpRequest, public_id: str) -> HttpResponse:
    film = film_or_404(public_id)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            outcome = services.review_create(user=request.user, film=film, **_review_fields(form))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if outcome.deduplicated:
                messages.info(request, "You had already logged exactly this; nothing was added.")
            else:
                messages.success(request, f"Logged {film.title}.")
            return redirect(safe_next(request, film.get_absolute_url()))
    status = 400 if request.method == "POST" else 200
    return render(request, "reviews/review_form.html", {"film": film, "form": form}, status=status)


# /reviews/<id>/edit/
@login_required
def review_edit(request: HttpRequest, review_id: int) -> HttpResponse:
    review = own_review(request, review_id)
    initial = {
        "rating": str(review.rating) if review.rating is not None else "",
        "text": review.text,
        "watched_on": review.watched_on,
        "rewatch": review.rewatch,
        "tags": ", ".join(review.tag_names),
    }
    form = ReviewForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_update(review=review, **_review_fields(form))
        except ValidationError as error:
            add_service_errors(form, error)
        except services.ReviewConflict:
            form.add_error(None, "You already have a review exactly like this one.")
        else:
            messages.success(request, "Review saved.")
            return redirect(safe_next(request, review.film.get_absolute_url()))
    status = 400 if request.method == "POST" else 200
    context = {"film": review.film, "form": form, "review": review}
    return render(request, "reviews/review_form.html", context, status=status)


# /reviews/<id>/delete/
@login_required
@require_POST
def review_delete(request: HttpRequest, review_id: int) -> HttpResponse:
    review = own_review(request, review_id)
    film = review.film
    services.review_delete(review=review)
    messages.success(request, "Review deleted.")
    return redirect(safe_next(request, film.get_absolute_url()))


def _on(request: HttpRequest) -> bool:
    return request.POST.get("on") == "1"


# /films/<id>/watchlist/
@login_required
@require_POST
def watchlist_toggle(request: HttpRequest, public_id: str) -> HttpResponse:
    film = film_or_404(public_id)
    if _on(request):
        services.watchlist_add(user=request.user, film=film)
        messages.success(request, f"Added {film.title} to your watchlist.")
    else:
        services.watchlist_remove(user=request.user, film=film)
        messages.success(request, f"Removed {film.title} from your watchlist.")
    return redirect(safe_next(request, film.get_absolute_url()))


# /films/<id>/like/
@login_required
@require_POST
def like_toggle(request: HttpRequest, public_id: str) -> HttpResponse:
    film = film_or_404(public_id)
    services.like_set(user=request.user, film=film, liked=_on(request))
    return redirect(safe_next(request, film.get_absolute_url()))


# /films/<id>/favourite/
@login_required
@require_POST
def favourite_toggle(request: HttpRequest, public_id: str) -> HttpResponse:
    film = film_or_404(public_id)
    services.favourite_set(user=request.user, film=film, favourite=_on(request))
    return redirect(safe_next(request, film.get_absolute_url()))


# /films/<id>/add-to-list/
@login_required
@require_POST
def add_to_list(request: HttpRequest, public_id: str) -> HttpResponse:
    film = film_or_404(public_id)
    film_list = own_list(request, request.POST.get("list", ""))
    try:
        _, created = services.list_add_item(
            film_list=film_list, film=film, note=request.POST.get("note", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(film.get_absolute_url())
    if created:
        messages.success(request, f"Added {film.title} to {film_list.name}.")
    else:
        messages.info(request, f"{film.title} is already on {film_list.name}.")
    return redirect(safe_next(request, film.get_absolute_url()))
