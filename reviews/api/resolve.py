"""GET /api/v2/resolve: a loose title (and year) to catalog films, as Flick's /resolve."""

from __future__ import annotations

from rest_framework.request import Request

from catalog.api.params import check_known, invalid, parse_int
from catalog.resolver import best_match, resolve_title
from config.api.views import ApiView, json_response
from reviews.api import schema
from reviews.api.representations import film_data

RESOLVE_PARAMS = frozenset({"title", "year", "media_type"})


def candidate_data(candidate) -> dict:
    return {
        "film": film_data(candidate.film),
        "score": candidate.score,
        "confidence": candidate.confidence,
    }


# /api/v2/resolve
class ResolveView(ApiView):
    public = True

    @schema.resolve
    def get(self, request: Request):
        params = request.query_params
        check_known(params, RESOLVE_PARAMS)
        title = (params.get("title") or "").strip()
        if not 1 <= len(title) <= 200:
            raise invalid("title", "is required, 1 to 200 characters")
        year = parse_int(params, "year", default=0, low=1870, high=2100) or None
        media_type = params.get("media_type") or "movie"
        if media_type not in ("movie", "tv"):
            raise invalid("media_type", "must be movie or tv")
        # The catalog holds films only: a TV title resolves to nothing, plausibly.
        candidates = resolve_title(title, year=year) if media_type == "movie" else []
        match = best_match(candidates)
        return json_response(
            {
                "data": {
                    "match": candidate_data(match) if match else None,
                    "candidates": [candidate_data(c) for c in candidates],
                }
            }
        )
