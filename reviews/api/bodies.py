"""Request bodies of the /me API: strict (an unknown field is a 400), and films named the
way clients have them: `film` (IMDb id, `tmdb:{n}` or slug) or Flick's `tmdb_id` +
`media_type: "movie"`."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from catalog.models import Film
from config.api.errors import ApiError

REVIEW_FIELDS = frozenset({"rating", "review", "watched_date", "rewatch", "tags"})
FILM_FIELDS = frozenset({"film", "tmdb_id", "media_type"})
MEDIA_TYPES = ("movie", "tv", "tv_season", "tv_episode")


def invalid(message: str, details: dict | None = None) -> ApiError:
    return ApiError(message, code="invalid_request", status=400, details=details)


def require_object(data: Any, *, what: str = "The body") -> dict:
    if not isinstance(data, dict):
        raise invalid(f"{what} must be a JSON object.")
    return data


def reject_unknown(data: dict, allowed: frozenset[str]) -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise invalid(
            f"Unknown field{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)}.",
            {
                name: [f"Not a field here; allowed: {', '.join(sorted(allowed))}."]
                for name in unknown
            },
        )


def validation_error(error: ValidationError) -> ApiError:
    details = {key: list(messages) for key, messages in error.message_dict.items()}
    field, messages = next(iter(details.items()))
    return invalid(f"{field}: {messages[0]}", details)


def film_from(data: dict) -> Film:
    """The film a body names, or 404 media_not_found."""
    if data.get("film") is not None:
        if "tmdb_id" in data:
            raise invalid("Name the film once: either film or tmdb_id, not both.")
        public_id = data["film"]
        if not isinstance(public_id, str) or not public_id.strip():
            raise invalid("film must be an IMDb id, tmdb:{n} or a film slug.")
        film = Film.objects.by_public_id(public_id.strip()).first()
        if film is None:
            raise ApiError(f"No film with id {public_id!r}.", code="media_not_found", status=404)
        return film
    if data.get("tmdb_id") is None:
        raise invalid("Name the film: film (IMDb id, tmdb:{n} or slug) or tmdb_id + media_type.")
    media_type = data.get("media_type", "movie")
    if media_type not in MEDIA_TYPES:
        raise invalid(f"media_type must be one of {', '.join(MEDIA_TYPES)}.")
    raw = data["tmdb_id"]
    tmdb_id = str(raw).strip() if isinstance(raw, int | str) and not isinstance(raw, bool) else ""
    if not tmdb_id.isdigit():
        raise invalid("tmdb_id must be a whole number (as a number or a string).")
    film = Film.objects.filter(tmdb_id=int(tmdb_id)).first() if media_type == "movie" else None
    if film is None:
        raise ApiError(
            f"No {media_type} found for tmdb_id {tmdb_id}.", code="media_not_found", status=404
        )
    return film


def film_by_path(public_id: str) -> Film:
    film = Film.objects.by_public_id(public_id).first()
    if film is None:
        raise ApiError(f"No film with id {public_id!r}.", code="media_not_found", status=404)
    return film


def review_fields(data: dict) -> dict:
    """Body names -> service keyword arguments, for the fields present."""
    names = {"review": "text", "watched_date": "watched_on"}
    fields = {names.get(key, key): data[key] for key in REVIEW_FIELDS if key in data}
    if "rewatch" in fields and not isinstance(fields["rewatch"], bool):
        raise invalid("rewatch must be true or false.", {"rewatch": ["Must be a boolean."]})
    if "text" in fields and fields["text"] is not None and not isinstance(fields["text"], str):
        raise invalid("review must be a string.", {"review": ["Must be a string."]})
    if "rating" in fields and isinstance(fields["rating"], str):
        raise invalid("rating must be a number from 0 to 10.", {"rating": ["Must be a number."]})
    if "text" in fields and fields["text"] is None:
        fields["text"] = ""
    return fields
