"""`{% film_actions_panel %}`: the film page's log/watchlist/like/list panel, so the
catalog view needs no knowledge of the reviews app (film_detail.html only includes it)."""

from __future__ import annotations

from django import template

from reviews.forms import ReviewForm
from reviews.selectors import film_actions_state

register = template.Library()


@register.inclusion_tag("reviews/includes/film_actions_panel.html", takes_context=True)
def film_actions_panel(context) -> dict:
    request = context["request"]
    film = context["film"]
    return {
        "film": film,
        "request": request,
        "user": request.user,
        "csrf_token": context.get("csrf_token"),
        "form": ReviewForm(),
        **film_actions_state(request.user, film),
    }
