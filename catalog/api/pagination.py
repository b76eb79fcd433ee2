"""Keyset pagination with signed cursors, shared by every catalog list.

Why our own: DRF's CursorPagination filters on the first ordering field only and loops
on ties. Here a page is `WHERE (sort_value, id) < (:value, :id) ORDER BY sort_value, id
LIMIT n+1`, a row comparison the b-tree (column, id) indexes answer directly, so page
50,000 costs what page 1 costs.

NULL sort values come last in both directions without giving up the index: a cursor
walks the non-null rows first (phase 0), then the NULL rows by id (phase 1). A page that
straddles the boundary takes one more query.

Cursors are signed (django.core.signing) and carry a digest of the query and sort they
were made for: a tampered cursor, one from another endpoint (other salt) or one reused
with other filters is a 400 `invalid_cursor`.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.core import signing
from django.core.cache import cache
from django.db import OperationalError, connection, transaction
from django.db.models import BooleanField, F, Func, QuerySet, Value
from psycopg.errors import QueryCanceled

from catalog.api.params import invalid, parse_int
from config.api.errors import ApiError

# meta.total is exact up to this many rows; past it, the planner's estimate.
EXACT_TOTAL_CAP = 1_000
# The exact (capped) count runs on PostgreSQL only when the planner prices it under
# EXACT_TOTAL_MAX_COST (cost units; about 4 ms here), and is cancelled past
# EXACT_TOTAL_BUDGET_MS if the price was wrong. Either way the planner's estimate answers:
# a selective filter the indexes cannot narrow would otherwise make every first page wait
# for a scan of the films the filter rejects.
EXACT_TOTAL_MAX_COST = 1_000
EXACT_TOTAL_FREE_COST = 100
EXACT_TOTAL_BUDGET_MS = 4
# A planner estimate this far past the cap is taken as is (no capped count at all).
ESTIMATE_TRUSTED_ABOVE = 20 * EXACT_TOTAL_CAP
TOTAL_CACHE_SECONDS = 60


class RowCompare(Func):
    """SQL row-value comparison `(a, b) < (x, y)`, which an (a, b) index can seek to."""

    output_field = BooleanField()
    conditional = True

    def __init__(self, lhs: list, op: str, rhs: list) -> None:
        self.width, self.op = len(lhs), op
        super().__init__(*lhs, *rhs)

    def as_sql(self, compiler, connection, **extra):
        parts, params = [], []
        for expression in self.get_source_expressions():
            sql, expression_params = compiler.compile(expression)
            parts.append(sql)
            params.extend(expression_params)
        left, right = ", ".join(parts[: self.width]), ", ".join(parts[self.width :])
        return f"({left}) {self.op} ({right})", params


@dataclass(frozen=True)
class SortKey:
    """What a list is ordered by: `column` (nullable or not), then `id`, both one way."""

    column: str
    descending: bool
    nullable: bool
    kind: str = "any"  # "date" values travel in cursors as ISO strings


@dataclass
class Cursor:
    value: Any
    last_id: int
    phase: int  # 0: non-null sort values, 1: NULL sort values (ordered by id only)
    offset: int
    total: int
    total_is_estimate: bool


@dataclass
class Page:
    rows: list[dict]
    next_cursor: str | None
    has_more: bool
    offset: int
    total: int
    total_is_estimate: bool
    limit: int


class KeysetPaginator:
    def __init__(self, *, salt: str, binding: str, sort: SortKey) -> None:
        self.salt = f"reelbase.cursor.{salt}"
        self.binding = hashlib.blake2b(binding.encode(), digest_size=8).hexdigest()
        self.sort = sort

    # --- cursors -------------------------------------------------------------------------
    def encode(self, cursor: Cursor) -> str:
        value = cursor.value
        if isinstance(value, datetime.date):
            value = value.isoformat()
        payload = {
            "b": self.binding,
            "k": [value, cursor.last_id, cursor.phase],
            "o": cursor.offset,
            "t": [cursor.total, int(cursor.total_is_estimate)],
        }
        return signing.dumps(payload, salt=self.salt, compress=True)

    def decode(self, token: str) -> Cursor:
        try:
            payload = signing.loads(token, salt=self.salt)
            if payload["b"] != self.binding:
                raise ApiError(
                    "cursor was issued for a different query or sort; start again without it.",
                    code="invalid_cursor",
                    details={"cursor": ["does not match this query"]},
                )
            value, last_id, phase = payload["k"]
            total, estimate = payload["t"]
            if self.sort.kind == "date" and value is not None:
                value = datetime.date.fromisoformat(value)
            return Cursor(value, int(last_id), int(phase), int(payload["o"]), total, bool(estimate))
        except ApiError:
            raise
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            raise ApiError(
                "cursor is not valid: pass meta.next_cursor from a previous page unchanged.",
                code="invalid_cursor",
                details={"cursor": ["invalid or tampered"]},
            ) from None

    # --- pages ---------------------------------------------------------------------------
    def ordered(self, queryset: QuerySet, *, nulls: bool) -> QuerySet:
        direction = "-" if self.sort.descending else ""
        if nulls:
            return queryset.filter(**{f"{self.sort.column}__isnull": True}).order_by(
                f"{direction}id"
            )
        base = queryset
        if self.sort.nullable:
            base = base.filter(**{f"{self.sort.column}__isnull": False})
        return base.order_by(f"{direction}{self.sort.column}", f"{direction}id")

    def page(
        self, queryset: QuerySet, columns: list[str], *, limit: int, cursor: Cursor | None
    ) -> Page:
        op = "<" if self.sort.descending else ">"
        rows: list[dict] = []
        phase = cursor.phase if cursor else 0
        if phase == 0:
            part = self.ordered(queryset, nulls=False)
            if cursor:
                part = part.filter(
                    RowCompare(
                        [F(self.sort.column), F("id")],
                        op,
                        [Value(cursor.value), Value(cursor.last_id)],
                    )
                )
            rows = list(part.values(*columns)[: limit + 1])
        if len(rows) <= limit and self.sort.nullable:
            part = self.ordered(queryset, nulls=True)
            if cursor and phase == 1:
                part = part.filter(
                    **{f"id__{'lt' if self.sort.descending else 'gt'}": cursor.last_id}
                )
            rows += list(part.values(*columns)[: limit + 1 - len(rows)])
        offset = cursor.offset if cursor else 0
        if cursor:
            total, estimate = cursor.total, cursor.total_is_estimate
        else:
            total, estimate = count_rows(queryset)
        return self._page(rows, limit, offset, total, estimate)

    def offset_page(
        self, queryset: QuerySet, columns: list[str], *, limit: int, offset: int
    ) -> Page:
        """`page=` for simple clients: OFFSET over the same order, bounded by the caller."""
        rows = list(
            self.ordered(queryset, nulls=False).values(*columns)[offset : offset + limit + 1]
        )
        if len(rows) <= limit and self.sort.nullable:
            # Non-null rows before `offset`, counted no further than offset itself.
            non_null = self.ordered(queryset, nulls=False).values("id")[:offset].count()
            skip = offset - non_null
            nulls = self.ordered(queryset, nulls=True).values(*columns)
            rows += list(nulls[skip : skip + limit + 1 - len(rows)])
        total, estimate = count_rows(queryset)
        return self._page(rows, limit, offset, total, estimate)

    def _page(self, rows: list[dict], limit: int, offset: int, total: int, estimate: bool) -> Page:
        has_more = len(rows) > limit
        rows = rows[:limit]
        if not has_more:
            # The last page knows the exact total, whatever the estimate said.
            total, estimate = offset + len(rows), False
        elif total <= offset + len(rows):
            # An estimate can fall short of the rows already seen; never claim fewer.
            total, estimate = offset + len(rows) + 1, True
        next_cursor = (
            self.cursor_after(rows[-1], offset + len(rows), total, estimate) if has_more else None
        )
        return Page(rows, next_cursor, has_more, offset, total, estimate, limit)

    def cursor_after(self, row: dict, offset: int, total: int, estimate: bool) -> str:
        value = row[self.sort.column]
        phase = 1 if value is None else 0
        return self.encode(Cursor(value, row["id"], phase, offset, total, estimate))


def count_rows(queryset: QuerySet) -> tuple[int, bool]:
    """(total, is_estimate): exact up to EXACT_TOTAL_CAP, then PostgreSQL's row estimate.

    Never an unbounded count(*) on PostgreSQL. The planner's estimate and price (EXPLAIN,
    about a millisecond) come first: when the estimate is far past the cap, or counting
    even cap rows would be dear, the estimate is the answer. Otherwise a count that stops
    at cap + 1 rows, within a time budget. Results are cached briefly per query, so paging
    and repeated first pages are free.
    """
    unordered = queryset.order_by().values("id")
    sql, params = unordered.query.sql_with_params()
    key = (
        "catalog:total:" + hashlib.blake2b(repr((sql, params)).encode(), digest_size=16).hexdigest()
    )
    cached = cache.get(key)
    if cached is not None:
        return cached
    result = _count(unordered)
    cache.set(key, result, timeout=TOTAL_CACHE_SECONDS)
    return result


def _count(unordered: QuerySet) -> tuple[int, bool]:
    if connection.vendor != "postgresql":
        return unordered.count(), False  # SQLite: the embedded, small catalog
    capped = unordered[: EXACT_TOTAL_CAP + 1]
    limit = json.loads(capped.explain(format="json"))[0]["Plan"]
    # The Limit node's input carries the planner's estimate of every matching row.
    estimate = int(limit["Plans"][0]["Plan Rows"])
    if estimate > ESTIMATE_TRUSTED_ABOVE or limit["Total Cost"] > EXACT_TOTAL_MAX_COST:
        return estimate, True
    # A plan this cheap cannot run long: no need for the budget's extra round trips.
    cheap = limit["Total Cost"] <= EXACT_TOTAL_FREE_COST
    exact = capped.count() if cheap else _capped_count(capped)
    if exact is None:  # over its time budget: the estimate, said to be one
        return estimate, True
    if exact <= EXACT_TOTAL_CAP:
        return exact, False
    return max(estimate, EXACT_TOTAL_CAP + 1), True


def _capped_count(capped: QuerySet) -> int | None:
    """count() of a sliced queryset, or None past EXACT_TOTAL_BUDGET_MS.

    The budget is a local statement_timeout inside a savepoint. A cancelled count rolls
    the savepoint back, which undoes the setting; after a count that finished it is put
    back explicitly, since a released savepoint keeps SET LOCAL until the end of an
    enclosing transaction.
    """
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT current_setting('statement_timeout'), "
                "set_config('statement_timeout', %s, true)",
                [f"{EXACT_TOTAL_BUDGET_MS}ms"],
            )
            (previous, _) = cursor.fetchone()
            count = capped.count()
            cursor.execute("SELECT set_config('statement_timeout', %s, true)", [previous])
            return count
    except OperationalError as exc:
        if isinstance(exc.__cause__, QueryCanceled):
            return None
        raise


def page_from_params(
    params,
    queryset: QuerySet,
    paginator: KeysetPaginator,
    columns: list[str],
    *,
    limit: int,
    max_page: int,
    max_offset: int | None = None,
) -> Page:
    """The page a request asks for: by `page` number (simple clients) or by `cursor`."""
    if params.get("cursor") and params.get("page"):
        raise invalid("page", "cannot be combined with cursor")
    if params.get("page"):
        number = parse_int(params, "page", default=1, low=1, high=max_page)
        offset = (number - 1) * limit
        if max_offset is not None and offset > max_offset:
            raise invalid("page", f"must keep (page-1)*limit within {max_offset}; use cursor")
        return paginator.offset_page(queryset, columns, limit=limit, offset=offset)
    cursor = paginator.decode(params["cursor"]) if params.get("cursor") else None
    return paginator.page(queryset, columns, limit=limit, cursor=cursor)


def link_header(request, page: Page) -> str:
    """RFC 8288 `Link`: rel="next" when there is one, rel="first" always."""
    base = {k: v for k, v in request.query_params.items() if k not in ("cursor", "page")}
    url = request.build_absolute_uri(request.path)
    links = [f'<{url}?{urlencode(base)}>; rel="first"' if base else f'<{url}>; rel="first"']
    if page.next_cursor:
        links.insert(0, f'<{url}?{urlencode({**base, "cursor": page.next_cursor})}>; rel="next"')
    return ", ".join(links)
