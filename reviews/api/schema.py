"""OpenAPI descriptions of the /me routes and /resolve (drf-spectacular): the request and
response shapes as serializers, with examples and the errors each route can answer."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
)
from rest_framework import serializers

from catalog.api.schema import COMMON_ERRORS, _error
from config.api import idempotency

MEDIA_NOT_FOUND = _error(
    "The film named by `film` / `tmdb_id` is not in the catalog.",
    "media_not_found",
    "No film with id 'tt9999999'.",
    404,
)
NOT_FOUND = _error(
    "No such object among yours (other members' objects are never revealed).",
    "not_found",
    "Not found.",
    404,
)
IDEMPOTENCY_IN_PROGRESS = _error(
    "A request with this `Idempotency-Key` is still running; retry after `Retry-After` (1 s).",
    "idempotency_in_progress",
    "A request with this Idempotency-Key is still being processed; retry shortly.",
    409,
)
IDEMPOTENCY_KEY_REUSED = _error(
    "This `Idempotency-Key` was used within 24 h with a different request (another body or "
    "path); nothing was done.",
    "idempotency_key_reused",
    "This Idempotency-Key was already used with a different request (another body or path). "
    "Use a new key for a new request.",
    422,
)
CONFLICT = _error(
    "The edit would make this review identical to another of yours.",
    "conflict",
    "You already have an identical review (id 42).",
    409,
)


class FilmRefSerializer(serializers.Serializer):
    id = serializers.CharField(help_text="Public id: IMDb id or slug")
    imdb_id = serializers.CharField(allow_null=True)
    tmdb_id = serializers.IntegerField(allow_null=True)
    media_type = serializers.CharField(default="movie")
    title = serializers.CharField()
    year = serializers.IntegerField(allow_null=True)
    poster_url = serializers.CharField(allow_null=True)


class FilmNamingSerializer(serializers.Serializer):
    film = serializers.CharField(
        required=False, help_text="IMDb id (tt0068646), tmdb:{n} or a film slug"
    )
    tmdb_id = serializers.CharField(required=False, help_text="Flick style, with media_type")
    media_type = serializers.ChoiceField(
        ["movie", "tv", "tv_season", "tv_episode"], required=False, default="movie"
    )


class ReviewInSerializer(FilmNamingSerializer):
    rating = serializers.DecimalField(
        3,
        1,
        required=False,
        allow_null=True,
        min_value=0,
        max_value=10,
        help_text="0-10 in steps of 0.5; omit or null for an unrated log",
    )
    review = serializers.CharField(required=False, allow_blank=True, max_length=10_000)
    watched_date = serializers.DateField(
        required=False, allow_null=True, help_text="Not in the future"
    )
    rewatch = serializers.BooleanField(required=False, default=False)
    tags = serializers.ListField(
        child=serializers.CharField(max_length=64), required=False, max_length=20
    )


class ReviewPatchSerializer(serializers.Serializer):
    rating = serializers.DecimalField(3, 1, required=False, allow_null=True)
    review = serializers.CharField(required=False, allow_blank=True, max_length=10_000)
    watched_date = serializers.DateField(required=False, allow_null=True)
    rewatch = serializers.BooleanField(required=False)
    tags = serializers.ListField(child=serializers.CharField(max_length=64), required=False)


class ReviewSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    film = FilmRefSerializer()
    rating = serializers.FloatField(allow_null=True)
    review = serializers.CharField()
    watched_date = serializers.DateField(allow_null=True)
    rewatch = serializers.BooleanField()
    tags = serializers.ListField(child=serializers.CharField())
    source = serializers.ChoiceField(["app", "import", "api"])
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class CreatedReviewSerializer(ReviewSerializer):
    deduplicated = serializers.BooleanField(help_text="true: an identical review existed")


class MePageMetaSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    limit = serializers.IntegerField()
    offset = serializers.IntegerField()
    next_cursor = serializers.CharField(allow_null=True)
    has_more = serializers.BooleanField()


class ReviewEnvelope(serializers.Serializer):
    data = ReviewSerializer()


class ReviewCreateEnvelope(serializers.Serializer):
    data = CreatedReviewSerializer()
    deduplicated = serializers.BooleanField()


class ReviewListEnvelope(serializers.Serializer):
    data = ReviewSerializer(many=True)
    meta = MePageMetaSerializer()


class BatchInSerializer(serializers.Serializer):
    reviews = ReviewInSerializer(many=True, help_text="1-50 reviews, processed independently")


class ItemErrorSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()


class BatchResultSerializer(serializers.Serializer):
    index = serializers.IntegerField()
    created = serializers.BooleanField()
    deduplicated = serializers.BooleanField()
    data = ReviewSerializer(allow_null=True)
    error = ItemErrorSerializer(allow_null=True)


class BatchOutSerializer(serializers.Serializer):
    results = BatchResultSerializer(many=True)
    created_count = serializers.IntegerField()
    deduplicated_count = serializers.IntegerField()
    error_count = serializers.IntegerField()


class BatchEnvelope(serializers.Serializer):
    data = BatchOutSerializer()
    deduplicated_count = serializers.IntegerField()


class WatchlistEntrySerializer(serializers.Serializer):
    film = FilmRefSerializer()
    added_at = serializers.DateTimeField()


class WatchlistEnvelope(serializers.Serializer):
    data = WatchlistEntrySerializer()


class WatchlistListEnvelope(serializers.Serializer):
    data = WatchlistEntrySerializer(many=True)
    meta = MePageMetaSerializer()


class ListInSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True)
    visibility = serializers.ChoiceField(["public", "unlisted", "private"], default="public")
    ranked = serializers.BooleanField(default=False)


class ListPatchSerializer(serializers.Serializer):
    name = serializers.CharField(required=False, max_length=200)
    description = serializers.CharField(required=False, allow_blank=True)
    visibility = serializers.ChoiceField(["public", "unlisted", "private"], required=False)
    ranked = serializers.BooleanField(required=False)


class MemberListSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    description = serializers.CharField()
    visibility = serializers.CharField()
    ranked = serializers.BooleanField()
    item_count = serializers.IntegerField()
    url = serializers.CharField(help_text="The list's page (unlisted lists: the secret link)")
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class MemberListEnvelope(serializers.Serializer):
    data = MemberListSerializer()


class MemberListPage(serializers.Serializer):
    data = MemberListSerializer(many=True)
    meta = MePageMetaSerializer()


class ListItemInSerializer(FilmNamingSerializer):
    note = serializers.CharField(required=False, allow_blank=True)
    position = serializers.IntegerField(required=False, min_value=1, help_text="Default: the end")


class ListItemPatchSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True)
    position = serializers.IntegerField(required=False, min_value=1, help_text="Move here")


class ListItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    position = serializers.IntegerField()
    film = FilmRefSerializer()
    note = serializers.CharField()
    added_at = serializers.DateTimeField()


class ListItemEnvelope(serializers.Serializer):
    data = ListItemSerializer()


class ListItemListEnvelope(serializers.Serializer):
    data = ListItemSerializer(many=True)
    meta = MePageMetaSerializer()


class CandidateSerializer(serializers.Serializer):
    film = FilmRefSerializer()
    score = serializers.FloatField(help_text="0-1")
    confidence = serializers.ChoiceField(["high", "medium", "low"])


class ResolveSerializer(serializers.Serializer):
    match = CandidateSerializer(allow_null=True)
    candidates = CandidateSerializer(many=True)


class ResolveEnvelope(serializers.Serializer):
    data = ResolveSerializer()


PAGING = [
    OpenApiParameter("limit", OpenApiTypes.INT, description="1-100, default 50"),
    OpenApiParameter("cursor", OpenApiTypes.STR, description="meta.next_cursor of the last page"),
    OpenApiParameter("page", OpenApiTypes.INT, description="1-based page (instead of cursor)"),
]
REVIEW_FILTERS = [
    OpenApiParameter(
        "film", OpenApiTypes.STR, description="Only this film (IMDb id, tmdb:{n}, slug)"
    ),
    OpenApiParameter("min_rating", OpenApiTypes.NUMBER, description="0-10"),
    OpenApiParameter("max_rating", OpenApiTypes.NUMBER, description="0-10"),
    OpenApiParameter("watched_from", OpenApiTypes.DATE, description="Watched on or after"),
    OpenApiParameter("watched_to", OpenApiTypes.DATE, description="Watched on or before"),
    OpenApiParameter("tag", OpenApiTypes.STR, description="Has this tag (any case)"),
    OpenApiParameter("source", OpenApiTypes.STR, enum=["app", "import", "api"]),
]
REVIEW_EXAMPLE = OpenApiExample(
    "A diary entry",
    request_only=True,
    value={
        "film": "tt0068646",
        "rating": 9.5,
        "review": "An offer I could not refuse.",
        "watched_date": "2026-11-20",
        "rewatch": True,
        "tags": ["crime", "35mm"],
    },
)
IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description=(
        "Optional, 1-255 printable ASCII characters (a UUID is ideal). Resending the same key "
        "and the same body within 24 h returns the first response (2xx or 4xx other than "
        "409/429) without doing the write again, with `Idempotent-Replayed: true`. The same "
        "key with another body or path is a 422 `idempotency_key_reused`; while the first "
        "request still runs, a 409 `idempotency_in_progress`. Keys are per account; 5xx, 409 "
        "and 429 answers are not kept, so the key can be retried."
    ),
)


def idempotent_replayed(statuses) -> OpenApiParameter:
    # On the statuses a replay can repeat: kept ones the view itself answers (not 401/403,
    # which are decided before a key is claimed).
    return OpenApiParameter(
        "Idempotent-Replayed",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        enum=["true"],
        response={s for s in statuses if idempotency.is_kept(s) and s not in (401, 403)},
        description="`true` when this is the stored first response to the same Idempotency-Key.",
    )


IDEMPOTENCY_ERRORS = {409: IDEMPOTENCY_IN_PROGRESS, 422: IDEMPOTENCY_KEY_REUSED}
READ_ERRORS = dict(COMMON_ERRORS)
WRITE_ERRORS = {**COMMON_ERRORS, 404: MEDIA_NOT_FOUND}


def me(operation_id: str, summary: str, **kwargs):
    return extend_schema(operation_id=operation_id, summary=summary, tags=["me"], **kwargs)


def me_post(operation_id: str, summary: str, *, responses: dict, **kwargs):
    """A /me POST: every one takes `Idempotency-Key` (config/api/idempotency.py)."""
    return me(
        operation_id,
        summary,
        parameters=[IDEMPOTENCY_KEY, idempotent_replayed(responses)],
        responses={**responses, **IDEMPOTENCY_ERRORS},
        **kwargs,
    )


review_list = me(
    "me_reviews_list",
    "Your reviews, newest first",
    parameters=[*REVIEW_FILTERS, *PAGING],
    responses={200: ReviewListEnvelope, **READ_ERRORS},
)
review_create = me_post(
    "me_reviews_create",
    "Log or review a film (identical re-posts are deduplicated)",
    description=(
        "201 with the new review, or 200 with `deduplicated: true` and the existing one when "
        "an identical review (same film, rating, text and watched date) exists. Producer plan "
        "and up. Unknown body fields are a 400."
    ),
    request=ReviewInSerializer,
    examples=[REVIEW_EXAMPLE],
    responses={201: ReviewCreateEnvelope, 200: ReviewCreateEnvelope, **WRITE_ERRORS},
)
review_detail = me(
    "me_review_retrieve",
    "One of your reviews",
    responses={200: ReviewEnvelope, **READ_ERRORS, 404: NOT_FOUND},
)
review_update = me(
    "me_review_update",
    "Edit one of your reviews",
    request=ReviewPatchSerializer,
    responses={200: ReviewEnvelope, **COMMON_ERRORS, 404: NOT_FOUND, 409: CONFLICT},
)
review_delete = me(
    "me_review_delete",
    "Delete one of your reviews",
    responses={204: None, **COMMON_ERRORS, 404: NOT_FOUND},
)
review_batch = me_post(
    "me_reviews_batch",
    "Log up to 50 reviews in one request",
    description=(
        "Items are processed independently, results come back in input order; duplicates "
        "(of your existing reviews or earlier items of the batch) are counted in "
        "`deduplicated_count`. No all-or-nothing rollback: check each item's `error`."
    ),
    request=BatchInSerializer,
    responses={200: BatchEnvelope, **COMMON_ERRORS},
)
watchlist_list = me(
    "me_watchlist_list",
    "Your watchlist, most recently added first",
    parameters=PAGING,
    responses={200: WatchlistListEnvelope, **READ_ERRORS},
)
watchlist_add = me_post(
    "me_watchlist_add",
    "Add a film to your watchlist (200 if it was already there)",
    request=FilmNamingSerializer,
    responses={201: WatchlistEnvelope, 200: WatchlistEnvelope, **WRITE_ERRORS},
)
watchlist_remove = me(
    "me_watchlist_remove",
    "Remove a film from your watchlist",
    responses={204: None, **COMMON_ERRORS, 404: MEDIA_NOT_FOUND},
)
list_list = me(
    "me_lists_list",
    "Your lists",
    parameters=PAGING,
    responses={200: MemberListPage, **READ_ERRORS},
)
list_create = me_post(
    "me_lists_create",
    "Create a list",
    request=ListInSerializer,
    responses={201: MemberListEnvelope, **COMMON_ERRORS},
)
list_detail = me(
    "me_list_retrieve",
    "One of your lists",
    responses={200: MemberListEnvelope, **READ_ERRORS, 404: NOT_FOUND},
)
list_update = me(
    "me_list_update",
    "Edit one of your lists",
    request=ListPatchSerializer,
    responses={200: MemberListEnvelope, **COMMON_ERRORS, 404: NOT_FOUND},
)
list_delete = me(
    "me_list_delete",
    "Delete one of your lists",
    responses={204: None, **COMMON_ERRORS, 404: NOT_FOUND},
)
item_list = me(
    "me_list_items_list",
    "The films on one of your lists, in rank order",
    parameters=PAGING,
    responses={200: ListItemListEnvelope, **READ_ERRORS, 404: NOT_FOUND},
)
item_add = me_post(
    "me_list_items_create",
    "Add a film to one of your lists (200 if it is already on it)",
    request=ListItemInSerializer,
    responses={201: ListItemEnvelope, 200: ListItemEnvelope, **WRITE_ERRORS},
)
item_update = me(
    "me_list_item_update",
    "Move a list item (position) or change its note",
    request=ListItemPatchSerializer,
    responses={200: ListItemEnvelope, **COMMON_ERRORS, 404: NOT_FOUND},
)
item_delete = me(
    "me_list_item_delete",
    "Remove a film from one of your lists",
    responses={204: None, **COMMON_ERRORS, 404: NOT_FOUND},
)
resolve = extend_schema(
    operation_id="resolve",
    summary="Resolve a loose title (and year) to catalog films",
    tags=["films"],
    parameters=[
        OpenApiParameter("title", OpenApiTypes.STR, required=True, description="1-200 characters"),
        OpenApiParameter(
            "year", OpenApiTypes.INT, description="Release year; ranks near years first"
        ),
        OpenApiParameter("media_type", OpenApiTypes.STR, enum=["movie", "tv"]),
    ],
    responses={
        200: OpenApiResponse(
            ResolveEnvelope,
            examples=[
                OpenApiExample(
                    "Godfather, The (1972)",
                    response_only=True,
                    value={
                        "data": {
                            "match": {
                                "film": {
                                    "id": "tt0068646",
                                    "imdb_id": "tt0068646",
                                    "tmdb_id": 238,
                                    "media_type": "movie",
                                    "title": "The Godfather",
                                    "year": 1972,
                                    "poster_url": None,
                                },
                                "score": 1.0,
                                "confidence": "high",
                            },
                            "candidates": [],
                        }
                    },
                )
            ],
        ),
        **COMMON_ERRORS,
    },
)
