"""`manage.py bench_api`: the catalog API against raw psycopg + orjson, in the same run.

Not a test: it prints medians and ratios. Every app figure is measured in-process through
the full Django stack (middleware, DRF, our views) with rate limiting switched off, next to
a baseline that does the same database work with raw SQL and serialises the same rows
with orjson.
"""

from __future__ import annotations

import gzip
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass

import orjson
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from catalog.api.films import FILM_COLUMNS
from catalog.api.pagination import KeysetPaginator, _count
from catalog.api.views import FILM_FILTERS, binding, filtered_films, sort_key
from catalog.filters import parse_sort
from catalog.models import Film, Person
from catalog.snapshots import MANIFEST_CACHE_KEY as SNAPSHOT_MANIFEST_CACHE_KEY

LIST_CASES = [
    ("no filter, master_score:desc", {}),
    ("genre=Drama, year:desc", {"genre": "Drama", "sort": "year:desc"}),
    (
        "1990s, rating>=7, rating:desc",
        {"decade": "1990s", "min_rating": "7", "sort": "rating:desc"},
    ),
    (
        "language=en, has_poster, popularity",
        {"language": "en", "has_poster": "true", "sort": "popularity:desc"},
    ),
    ("seed: Sci-Fi 1980s rating>=8", {"genre": "Sci-Fi", "decade": "1980s", "min_rating": "8.0"}),
]


# The baseline's share of the app's per-page work: genres and key credits of the page.
_GENRES_SQL = (
    "SELECT fg.film_id, g.name FROM catalog_film_genres fg "
    "JOIN catalog_genre g ON g.id = fg.genre_id WHERE fg.film_id = ANY(%s)"
)
_CREDITS_SQL = (
    "SELECT c.film_id, c.kind, c.department, c.job, c.character, c.order, p.public_id, p.name "
    "FROM catalog_credit c JOIN catalog_person p ON p.id = c.person_id "
    "WHERE c.film_id = ANY(%s) AND ((c.kind = 'cast' AND c.order < 5) OR (c.kind = 'crew' "
    "AND c.job IN ('Director', 'Screenplay', 'Writer', 'Story', 'Novel', 'Producer', "
    "'Director of Photography', 'Editor', 'Original Music Composer')))"
)


def copy_sql() -> str:
    """The COPY baseline: every model column of the film row as JSON. Not the summary
    columns (migration 0007), which exist only to make our own lines cheap."""
    columns = ", ".join(f'"{field.column}"' for field in Film._meta.concrete_fields)
    # Column names from the model's own metadata, never input.
    return f"COPY (SELECT row_to_json(f) FROM (SELECT {columns} FROM catalog_film) f) TO STDOUT"  # noqa: S608


@dataclass
class Timing:
    samples: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        ordered = sorted(self.samples)
        return ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def timed(fn: Callable[[], object], repeat: int, warmup: int = 2) -> Timing:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return Timing(samples)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def reset_peak_rss() -> None:
    # Writing 5 to clear_refs resets VmHWM (the peak) on Linux.
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
    except OSError:
        pass


def peak_rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


class Bench:
    def __init__(self, out: Callable[[str], None], repeat: int) -> None:
        self.out, self.repeat = out, repeat
        self.client = Client()

    def get(self, url: str, params: dict | None = None):
        response = self.client.get(url, params or {})
        assert response.status_code == 200, (url, params, response.content[:300])
        return response

    # --- baseline: the same SQL through raw psycopg, orjson over the same rows ------------
    def baseline_page(self, params: dict, limit: int, *, full: bool) -> Callable[[], bytes]:
        filterset, has_q = filtered_films(params)
        sort = parse_sort(params.get("sort"), has_query=has_q)
        paginator = KeysetPaginator(
            salt="films", binding=binding(params, FILM_FILTERS, sort.token), sort=sort_key(sort)
        )
        qs = paginator.ordered(filterset.qs, nulls=False).values(*FILM_COLUMNS)[:limit]
        sql, sql_params = qs.query.sql_with_params()
        raw = connection.connection  # the psycopg connection under Django's wrapper

        def run() -> bytes:
            with raw.cursor() as cursor:
                cursor.execute(sql, sql_params)
                names = [c.name for c in cursor.description]
                rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
                if full:  # the app's extra work: genres and key credits of the page
                    ids = [r["id"] for r in rows]
                    cursor.execute(_GENRES_SQL, [ids])
                    cursor.fetchall()
                    cursor.execute(_CREDITS_SQL, [ids])
                    cursor.fetchall()
            return orjson.dumps({"data": rows}, option=orjson.OPT_UTC_Z)

        return run

    # --- sections -----------------------------------------------------------------------
    def list_pages(self) -> None:
        self.out("\n== List pages (median / p95; throughput ratio = baseline median / app median)")
        self.out(
            f"{'case':40} {'limit':>5} {'app p50':>10} {'app p95':>10} {'raw rows':>10} "
            f"{'raw+joins':>10} {'vs rows':>8} {'vs joins':>8}"
        )
        for name, params in LIST_CASES:
            for limit in (100, 500):
                app = timed(
                    lambda p=params, n=limit: self.get("/api/v2/films", {**p, "limit": n}),
                    self.repeat,
                )
                rows = timed(self.baseline_page(params, limit, full=False), self.repeat)
                full = timed(self.baseline_page(params, limit, full=True), self.repeat)
                self.out(
                    f"{name:40} {limit:5} {ms(app.median)} {ms(app.p95)} {ms(rows.median)} "
                    f"{ms(full.median)} {rows.median / app.median:7.2f}x "
                    f"{full.median / app.median:7.2f}x"
                )

    def deep_page(self, total: int) -> None:
        depth = min(500_000, total // 2)
        self.out(
            f"\n== Deep page: {depth:,} rows deep vs the first page (limit 100, master_score:desc)"
        )
        params: dict = {}
        filterset, _ = filtered_films(params)
        sort = parse_sort(None, has_query=False)
        paginator = KeysetPaginator(
            salt="films", binding=binding(params, FILM_FILTERS, sort.token), sort=sort_key(sort)
        )
        row = (
            paginator.ordered(filterset.qs, nulls=False)
            .values("id", "master_score")[depth : depth + 1]
            .first()
        )
        if row is None:
            self.out("   (not enough scored films)")
            return
        cursor = paginator.cursor_after(row, depth, total, False)
        first = timed(lambda: self.get("/api/v2/films", {"limit": 100}), self.repeat)
        deep = timed(
            lambda: self.get("/api/v2/films", {"limit": 100, "cursor": cursor}), self.repeat
        )
        self.out(
            f"   first page {ms(first.median)}   deep page {ms(deep.median)}   "
            f"deep/first {deep.median / first.median:.2f}x (goal <= 1.2x)"
        )

    def totals(self) -> None:
        self.out("\n== meta.total, uncached (exact up to 1,000, else the planner's estimate)")
        for name, params in LIST_CASES:
            filterset, _ = filtered_films(params)
            unordered = filterset.qs.order_by().values("id")
            result = _count(unordered)
            t = timed(lambda qs=unordered: _count(qs), self.repeat)
            self.out(
                f"   {name:40} total={result[0]:>9,} estimate={result[1]!s:5}  "
                f"p50 {ms(t.median)}  p95 {ms(t.p95)}"
            )

    def detail(self) -> None:
        self.out("\n== Detail (in-process, whole stack)")
        public_id = (
            Film.objects.filter(master_score__isnull=False)
            .order_by("-master_score")
            .values_list("public_id", flat=True)
            .first()
        )
        url = f"/api/v2/films/{public_id}"
        t = timed(lambda: self.get(url), self.repeat * 3)
        with CaptureQueriesContext(connection) as queries:
            self.get(url)
        catalog_queries = [
            q["sql"] for q in queries.captured_queries if "accounts_" not in q["sql"]
        ]
        self.out(
            f"   {url}: p50 {ms(t.median)}  p95 {ms(t.p95)}  "
            f"queries {len(catalog_queries)} (goal <= 5 ms, <= 3)"
        )
        for sql in catalog_queries:
            self.out(f"      {' '.join(sql.split())[:90]}")
        t = timed(lambda: self.get(url, {"append": "credits,similar,reviews_summary"}), self.repeat)
        self.out(
            f"   + append=credits,similar,reviews_summary: p50 {ms(t.median)}  p95 {ms(t.p95)}"
        )

    def search(self) -> None:
        self.out("\n== q (full text, ranked; typo path = misspelled titles through pg_trgm)")
        titles = list(Film.objects.order_by("-popularity").values_list("title", flat=True)[:40])
        names = list(Person.objects.order_by("-popularity").values_list("name", flat=True)[:20])
        words = [t.split()[-1] for t in titles[:20]] + [n.split()[-1] for n in names]
        typos = [t[:2] + t[3:] for t in titles if len(t) > 6][:20]
        for label, queries in (("words and names", words), ("typos", typos)):
            samples = []
            for q in queries:
                samples += timed(
                    lambda q=q: self.get("/api/v2/films", {"q": q, "limit": 20}), 2, warmup=1
                ).samples
            t = Timing(samples)
            self.out(f"   {label:16} n={len(samples):3}  p50 {ms(t.median)}  p95 {ms(t.p95)}")

    def stream(self, total: int) -> None:
        self.out("\n== Stream (/films/stream, whole catalog) vs COPY (row_to_json of film rows)")
        reset_peak_rss()
        before = rss_mb()
        started = time.perf_counter()
        response = self.client.get("/api/v2/films/stream")
        first_byte = None
        size = lines = 0
        for chunk in response.streaming_content:
            if first_byte is None:
                first_byte = time.perf_counter() - started
            size += len(chunk)
            lines += chunk.count(b"\n")
        app_seconds = time.perf_counter() - started
        peak = peak_rss_mb()
        raw = connection.connection
        started = time.perf_counter()
        copy_bytes = 0
        with (
            raw.cursor() as cursor,
            cursor.copy(copy_sql()) as copy,
        ):
            for block in copy:
                copy_bytes += len(block)
        copy_seconds = time.perf_counter() - started
        self.out(
            f"   app : {lines:,} films, {size / 1e6:,.0f} MB in {app_seconds:.1f}s = "
            f"{lines / app_seconds:,.0f} films/s; "
            f"first byte {ms(first_byte or 0)}; RSS {before:.0f} MB before, peak {peak:.0f} MB"
        )
        self.out(
            f"   COPY: {total:,} rows, {copy_bytes / 1e6:,.0f} MB in {copy_seconds:.1f}s = "
            f"{total / copy_seconds:,.0f} rows/s"
        )
        self.out(
            f"   stream/COPY rate {(lines / app_seconds) / (total / copy_seconds):.2f}x "
            "(goal >= 0.6x)"
        )

    def snapshot(self, total: int) -> None:
        from catalog.snapshots import build_snapshot

        self.out("\n== Snapshot build vs COPY + gzip level 1")
        # Into a throwaway folder: the site's own snapshot (MEDIA_ROOT) stays untouched.
        with tempfile.TemporaryDirectory() as media, override_settings(MEDIA_ROOT=media):
            started = time.perf_counter()
            manifest = build_snapshot()
            build_seconds = time.perf_counter() - started
        cache.delete(SNAPSHOT_MANIFEST_CACHE_KEY)
        raw = connection.connection
        started = time.perf_counter()
        with tempfile.TemporaryFile() as sink:
            with (
                gzip.GzipFile(fileobj=sink, mode="wb", compresslevel=1) as gz,
                raw.cursor() as cursor,
                cursor.copy(copy_sql()) as copy,
            ):
                for block in copy:
                    gz.write(block)
            gz_bytes = sink.tell()
        copy_seconds = time.perf_counter() - started
        self.out(
            f"   build_snapshot: {manifest['count']:,} films, "
            f"{manifest['bytes'] / 1e6:,.0f} MB gz in {build_seconds:.1f}s"
        )
        self.out(
            f"   COPY+gzip-1   : {total:,} rows, {gz_bytes / 1e6:,.0f} MB gz in {copy_seconds:.1f}s"
        )
        self.out(f"   build/(COPY+gzip) {build_seconds / copy_seconds:.2f}x (goal <= 1.3x)")

    def explain(self) -> None:
        self.out("\n== EXPLAIN: list and search plans that seq-scan catalog_film")
        cases = [*LIST_CASES, ("q=love", {"q": "love"}), ("q=godfater (typo)", {"q": "godfater"})]
        for name, params in cases:
            filterset, has_q = filtered_films(params)
            sort = parse_sort(params.get("sort"), has_query=has_q)
            paginator = KeysetPaginator(salt="films", binding="", sort=sort_key(sort))
            plan = paginator.ordered(filterset.qs, nulls=False).values("id")[:100].explain()
            seq = "Seq Scan on catalog_film " in plan or plan.rstrip().endswith(
                "Seq Scan on catalog_film"
            )
            self.out(f"   {name:40} {'SEQ SCAN' if seq else 'index only / index'}")


def run(out: Callable[[str], None], *, repeat: int, sections: list[str]) -> None:
    total = Film.objects.count()
    people = Person.objects.count()
    out(
        f"Catalog: {total:,} films, {people:,} people on {connection.vendor} "
        f"({os.cpu_count()} CPUs shared); {repeat} timed runs per figure after 2 warm-ups."
    )
    # Rate limiting stays on (with REDIS_URL set it is one Redis call, as in production), with
    # a budget the benchmark cannot exhaust.
    with override_settings(ANON_RATE_LIMIT=10**9):
        bench = Bench(out, repeat)
        steps = {
            "list": bench.list_pages,
            "deep": lambda: bench.deep_page(total),
            "total": bench.totals,
            "detail": bench.detail,
            "search": bench.search,
            "explain": bench.explain,
            "stream": lambda: bench.stream(total),
            "snapshot": lambda: bench.snapshot(total),
        }
        for name in sections:
            steps[name]()
