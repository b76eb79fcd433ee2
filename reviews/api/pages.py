"""Paging the /me lists with the catalog's signed keyset cursors (`limit` 1-100, `cursor`,
or `page` for simple clients): the page query reads ids only, then one query loads them."""

from __future__ import annotations

from urllib.parse import urlencode

from django.db.models import QuerySet
from rest_framework.request import Request

from catalog.api.pagination import KeysetPaginator, Page, SortKey, link_header, page_from_params
from catalog.api.params import parse_int
from config.api.views import json_response

MAX_LIMIT, DEFAULT_LIMIT = 100, 50
MAX_PAGE = 1_000
PAGING_PARAMS = frozenset({"limit", "cursor", "page"})


def page_of(request: Request, queryset: QuerySet, *, salt: str, sort: SortKey) -> Page:
    params = request.query_params
    limit = parse_int(params, "limit", default=DEFAULT_LIMIT, low=1, high=MAX_LIMIT)
    bound = urlencode(sorted((k, v) for k, v in params.items() if k not in PAGING_PARAMS))
    paginator = KeysetPaginator(salt=f"me.{salt}", binding=bound, sort=sort)
    columns = ["id"] if sort.column == "id" else ["id", sort.column]
    return page_from_params(params, queryset, paginator, columns, limit=limit, max_page=MAX_PAGE)


def in_page_order(page: Page, loaded: QuerySet) -> list:
    """The page's rows as objects, in the page's order."""
    ids = [row["id"] for row in page.rows]
    by_id = loaded.in_bulk(ids)
    return [by_id[pk] for pk in ids if pk in by_id]


def list_response(request: Request, data: list[dict], page: Page):
    meta = {
        "total": page.total,
        "limit": page.limit,
        "offset": page.offset,
        "next_cursor": page.next_cursor,
        "has_more": page.has_more,
    }
    headers = {"Link": link_header(request, page), "Total": str(page.total)}
    return json_response({"data": data, "meta": meta}, headers=headers)
