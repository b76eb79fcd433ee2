"""/api/v2/me/{reviews,watchlist,lists}: the caller's own data. Reads need a plan with API
access, writes the Producer plan (accounts.permissions.MeAccess). Every object is looked up
among the caller's own, so another member's id is a 404 `not_found` and changes nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from rest_framework.request import Request

from accounts.permissions import MeAccess
from catalog.api.pagination import SortKey
from catalog.api.params import check_known, invalid
from catalog.models import Film
from config.api.errors import ApiError
from config.api.views import ApiView, json_response
from reviews import services
from reviews.api import schema
from reviews.api.bodies import (
    FILM_FIELDS,
    REVIEW_FIELDS,
    film_by_path,
    film_from,
    reject_unknown,
    require_object,
    review_fields,
    validation_error,
)
from reviews.api.pages import PAGING_PARAMS, in_page_order, list_response, page_of
from reviews.api.representations import item_data, list_data, review_data, watchlist_data
from reviews.models import FilmList, ListItem, Review, WatchlistEntry

MAX_BATCH = 50
NEWEST_FIRST = SortKey(column="id", descending=True, nullable=False)
REVIEW_LIST_PARAMS = PAGING_PARAMS | {
    "film",
    "min_rating",
    "max_rating",
    "watched_from",
    "watched_to",
    "tag",
    "source",
}


def not_found(what: str) -> ApiError:
    return ApiError(f"No {what} with this id among yours.", code="not_found", status=404)


def no_content() -> HttpResponse:
    return HttpResponse(status=204)


class MeView(ApiView):
    permission_classes = [MeAccess]


# --- reviews ------------------------------------------------------------------------------


def _rating_param(params, name: str) -> Decimal | None:
    raw = params.get(name)
    if raw in (None, ""):
        return None
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise invalid(name, "must be a number from 0 to 10") from None
    if not value.is_finite() or not 0 <= value <= 10:
        raise invalid(name, "must be a number from 0 to 10")
    return value


def _date_param(params, name: str) -> dt.date | None:
    raw = params.get(name)
    if raw in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise invalid(name, "must be a date, YYYY-MM-DD") from None


def filtered_reviews(request: Request):
    params = request.query_params
    check_known(params, REVIEW_LIST_PARAMS)
    reviews = Review.objects.filter(user=request.user)
    if params.get("film"):
        film = Film.objects.by_public_id(params["film"]).values_list("id", flat=True).first()
        reviews = reviews.filter(film_id=film) if film else reviews.none()
    if (low := _rating_param(params, "min_rating")) is not None:
        reviews = reviews.filter(rating__gte=low)
    if (high := _rating_param(params, "max_rating")) is not None:
        reviews = reviews.filter(rating__lte=high)
    if (start := _date_param(params, "watched_from")) is not None:
        reviews = reviews.filter(watched_on__gte=start)
    if (end := _date_param(params, "watched_to")) is not None:
        reviews = reviews.filter(watched_on__lte=end)
    if params.get("tag"):
        reviews = reviews.filter(tags__name__iexact=params["tag"].strip())
    if params.get("source"):
        if params["source"] not in Review.Source.values:
            raise invalid("source", f"must be one of {', '.join(Review.Source.values)}")
        reviews = reviews.filter(source=params["source"])
    return reviews


def create_review(user, data, *, source: str = Review.Source.API) -> services.ReviewOutcome:
    """One review from a request body (also each batch item); raises ApiError."""
    data = require_object(data, what="A review")
    reject_unknown(data, REVIEW_FIELDS | FILM_FIELDS)
    fields = review_fields(data)
    film = film_from(data)
    try:
        return services.review_create(user=user, film=film, source=source, **fields)
    except ValidationError as error:
        raise validation_error(error) from None


def _review_body(review: Review, *, deduplicated: bool | None = None) -> dict:
    data = review_data(review)
    if deduplicated is not None:
        data["deduplicated"] = deduplicated
    return data


def own_review(request: Request, review_id: int) -> Review:
    review = (
        Review.objects.filter(pk=review_id, user=request.user)
        .select_related("film")
        .prefetch_related("tags")
        .first()
    )
    if review is None:
        raise not_found("review")
    return review


# /api/v2/me/reviews
class ReviewListView(MeView):
    @schema.review_list
    def get(self, request: Request):
        page = page_of(request, filtered_reviews(request), salt="reviews", sort=NEWEST_FIRST)
        loaded = Review.objects.select_related("film").prefetch_related("tags")
        data = [review_data(review) for review in in_page_order(page, loaded)]
        return list_response(request, data, page)

    @schema.review_create
    def post(self, request: Request):
        outcome = create_review(request.user, request.data)
        body = {"data": _review_body(outcome.review, deduplicated=outcome.deduplicated)}
        body["deduplicated"] = outcome.deduplicated
        return json_response(body, status=200 if outcome.deduplicated else 201)


# /api/v2/me/reviews/{id}
class ReviewDetailView(MeView):
    @schema.review_detail
    def get(self, request: Request, review_id: int):
        return json_response({"data": review_data(own_review(request, review_id))})

    @schema.review_update
    def patch(self, request: Request, review_id: int):
        review = own_review(request, review_id)
        data = require_object(request.data)
        reject_unknown(data, REVIEW_FIELDS)
        try:
            services.review_update(review=review, **review_fields(data))
        except ValidationError as error:
            raise validation_error(error) from None
        except services.ReviewConflict as conflict:
            raise ApiError(
                f"You already have an identical review (id {conflict.existing.pk}).",
                code="conflict",
                status=409,
                details={"existing_id": conflict.existing.pk},
            ) from None
        return json_response({"data": review_data(own_review(request, review_id))})

    @schema.review_delete
    def delete(self, request: Request, review_id: int):
        services.review_delete(review=own_review(request, review_id))
        return no_content()


# /api/v2/me/reviews/batch
class ReviewBatchView(MeView):
    @schema.review_batch
    def post(self, request: Request):
        data = require_object(request.data)
        reject_unknown(data, frozenset({"reviews"}))
        items = data.get("reviews")
        if not isinstance(items, list) or not 1 <= len(items) <= MAX_BATCH:
            raise ApiError(
                f"reviews must be a list of 1 to {MAX_BATCH} reviews.",
                code="invalid_request",
                details={"reviews": [f"Give 1 to {MAX_BATCH} items."]},
            )
        results = [self._one(request.user, i, item) for i, item in enumerate(items)]
        counts = {
            "created_count": sum(r["created"] for r in results),
            "deduplicated_count": sum(r["deduplicated"] for r in results),
            "error_count": sum(r["error"] is not None for r in results),
        }
        return json_response(
            {
                "data": {"results": results, **counts},
                "deduplicated_count": counts["deduplicated_count"],
            }
        )

    @staticmethod
    def _one(user, index: int, item) -> dict:
        # Each item stands alone: an error here never undoes the items before it.
        try:
            outcome = create_review(user, item)
        except ApiError as error:
            return {
                "index": index,
                "created": False,
                "deduplicated": False,
                "data": None,
                "error": {"code": error.code, "message": str(error.detail)},
            }
        return {
            "index": index,
            "created": not outcome.deduplicated,
            "deduplicated": outcome.deduplicated,
            "data": review_data(outcome.review),
            "error": None,
        }


# --- watchlist ----------------------------------------------------------------------------


# /api/v2/me/watchlist
class WatchlistView(MeView):
    @schema.watchlist_list
    def get(self, request: Request):
        check_known(request.query_params, PAGING_PARAMS)
        entries = WatchlistEntry.objects.filter(user=request.user)
        page = page_of(request, entries, salt="watchlist", sort=NEWEST_FIRST)
        loaded = WatchlistEntry.objects.select_related("film")
        data = [watchlist_data(entry) for entry in in_page_order(page, loaded)]
        return list_response(request, data, page)

    @schema.watchlist_add
    def post(self, request: Request):
        data = require_object(request.data)
        reject_unknown(data, FILM_FIELDS)
        entry, created = services.watchlist_add(user=request.user, film=film_from(data))
        return json_response({"data": watchlist_data(entry)}, status=201 if created else 200)


# /api/v2/me/watchlist/{film}
class WatchlistEntryView(MeView):
    @schema.watchlist_remove
    def delete(self, request: Request, public_id: str):
        film = film_by_path(public_id)
        if not services.watchlist_remove(user=request.user, film=film):
            raise ApiError("This film is not on your watchlist.", code="not_found", status=404)
        return no_content()


# --- lists --------------------------------------------------------------------------------

LIST_FIELDS = frozenset({"name", "description", "visibility", "ranked"})
ITEM_FIELDS = frozenset({"note", "position"})


def own_list(request: Request, list_id: int) -> FilmList:
    film_list = FilmList.objects.filter(pk=list_id, user=request.user).with_item_counts().first()
    if film_list is None:
        raise not_found("list")
    return film_list


def own_item(film_list: FilmList, item_id: int) -> ListItem:
    item = ListItem.objects.filter(pk=item_id, film_list=film_list).select_related("film").first()
    if item is None:
        raise not_found("list item")
    return item


def _service_call(function, **kwargs):
    try:
        return function(**kwargs)
    except ValidationError as error:
        raise validation_error(error) from None


# /api/v2/me/lists
class ListListView(MeView):
    @schema.list_list
    def get(self, request: Request):
        check_known(request.query_params, PAGING_PARAMS)
        lists = FilmList.objects.filter(user=request.user)
        page = page_of(request, lists, salt="lists", sort=NEWEST_FIRST)
        loaded = FilmList.objects.with_item_counts()
        return list_response(request, [list_data(fl) for fl in in_page_order(page, loaded)], page)

    @schema.list_create
    def post(self, request: Request):
        data = require_object(request.data)
        reject_unknown(data, LIST_FIELDS)
        if "name" not in data:
            raise ApiError("name is required.", details={"name": ["This field is required."]})
        film_list = _service_call(services.list_create, user=request.user, **data)
        return json_response({"data": list_data(film_list, item_count=0)}, status=201)


# /api/v2/me/lists/{id}
class ListDetailView(MeView):
    @schema.list_detail
    def get(self, request: Request, list_id: int):
        return json_response({"data": list_data(own_list(request, list_id))})

    @schema.list_update
    def patch(self, request: Request, list_id: int):
        film_list = own_list(request, list_id)
        data = require_object(request.data)
        reject_unknown(data, LIST_FIELDS)
        _service_call(services.list_update, film_list=film_list, **data)
        return json_response({"data": list_data(film_list)})

    @schema.list_delete
    def delete(self, request: Request, list_id: int):
        services.list_delete(film_list=own_list(request, list_id))
        return no_content()


# /api/v2/me/lists/{id}/items
class ListItemsView(MeView):
    @schema.item_list
    def get(self, request: Request, list_id: int):
        check_known(request.query_params, PAGING_PARAMS)
        film_list = own_list(request, list_id)
        sort = SortKey(column="position", descending=False, nullable=False)
        page = page_of(request, film_list.items.all(), salt="items", sort=sort)
        loaded = ListItem.objects.select_related("film")
        return list_response(request, [item_data(i) for i in in_page_order(page, loaded)], page)

    @schema.item_add
    def post(self, request: Request, list_id: int):
        film_list = own_list(request, list_id)
        data = require_object(request.data)
        reject_unknown(data, FILM_FIELDS | ITEM_FIELDS)
        film = film_from(data)
        item, created = _service_call(
            services.list_add_item,
            film_list=film_list,
            film=film,
            note=data.get("note", ""),
            position=data.get("position"),
        )
        return json_response({"data": item_data(item)}, status=201 if created else 200)


# /api/v2/me/lists/{id}/items/{item}
class ListItemDetailView(MeView):
    @schema.item_update
    def patch(self, request: Request, list_id: int, item_id: int):
        item = own_item(own_list(request, list_id), item_id)
        data = require_object(request.data)
        reject_unknown(data, ITEM_FIELDS)
        _service_call(services.list_update_item, item=item, **data)
        item.refresh_from_db()
        return json_response({"data": item_data(item)})

    @schema.item_delete
    def delete(self, request: Request, list_id: int, item_id: int):
        item = own_item(own_list(request, list_id), item_id)
        services.list_remove_item(item=item)
        return no_content()
