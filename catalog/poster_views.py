"""/posters/<public_id>.svg: the generated poster of one film."""

from __future__ import annotations

import hashlib

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views.decorators.http import require_safe

from catalog.models import Film
from catalog.posters import render_poster_svg


@require_safe
def poster_svg(request: HttpRequest, public_id: str) -> HttpResponse:
    film = Film.objects.by_public_id(public_id).only("id", "public_id", "title", "year").first()
    if film is None:
        raise Http404("No film with this id")
    genres = list(film.genres.order_by("name").values_list("name", flat=True))
    svg = render_poster_svg(title=film.title, year=film.year, genres=genres, key=film.public_id)
    etag = f'"{hashlib.blake2b(svg.encode(), digest_size=12).hexdigest()}"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response.headers["ETag"] = etag
    # A day fresh, then revalidated: a title or genre edit shows up by the next day.
    patch_cache_control(response, public=True, max_age=86_400)
    return response
