"""Server time of each site page on a big catalog, through the whole Django stack.

Every page is requested in-process with Django's test client (middleware, view, queries,
template) in interleaved rounds, so machine noise hits all pages alike. Printed per page:
the median and p95 server time with warm caches (the steady state), the first request
after the cache was cleared (cold), the number of queries, and the ratio of the median to
a baseline measured in the same run: a bare view through the same middleware.

Usage:  DATABASE_URL=postgres://postgres@127.0.0.1:5432/rb_web_bench \\
        .venv/bin/python bench/web_pages.py [--rounds 30]
        (seed first: manage.py seed_demo --films 200000 on that database)
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("SECRET_KEY", "bench-only")
os.environ.setdefault("LOG_LEVEL", "ERROR")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import clear_url_caches, include, path  # noqa: E402

from catalog.models import Credit, Film  # noqa: E402

TARGET_MS = 50.0


def bare(request):
    return HttpResponse("ok")


# The site's own URLs plus the baseline view, served by the same middleware stack.
urlpatterns = [path("__bare__/", bare), path("", include("config.urls"))]


def pages() -> dict[str, str]:
    film = Film.objects.exclude(imdb_id=None).top_rated().only("public_id", "title").first()
    busiest = (
        Credit.objects.filter(film_id__in=Film.objects.top_rated().values("id")[:2000])
        .values("person__public_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    word = film.title.split()[-1].lower()
    typo = word[:-2] + word[-1] + word[-2] if len(word) > 3 else word + "x"
    return {
        "baseline: bare view": "/__bare__/",
        "home": "/",
        "browse": "/films/",
        "browse genre+decade": "/films/?genre=drama&decade=1970s",
        "browse 3 filters, page 20": "/films/?min_rating=6&year_min=1990&sort=year:desc&page=20",
        "film": f"/films/{film.public_id}/",
        "person (busiest)": f"/people/{busiest['person__public_id']}/",
        "search (typo)": f"/search/?q={typo}",
        "autocomplete": f"/search/autocomplete/?q={word[:4]}",
        "developers": "/developers/",
    }


def timed(client: Client, url: str) -> tuple[float, int, int, float]:
    """Wall milliseconds, queries, status, and this process's CPU milliseconds.

    The CPU time is Django's own share (view + template), which other processes on a busy
    machine cannot inflate; wall time minus it is mostly waiting for the database.
    """
    with CaptureQueriesContext(connection) as queries:
        started, cpu_started = time.perf_counter(), time.process_time()
        response = client.get(url)
        elapsed = (time.perf_counter() - started) * 1000
        cpu = (time.process_time() - cpu_started) * 1000
    return elapsed, len(queries), response.status_code, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()

    from django.conf import settings

    settings.ROOT_URLCONF = __name__
    # No collectstatic manifest needed: {% static %} URLs cost the same either way.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    clear_url_caches()
    client = Client()
    targets = pages()
    films = Film.objects.count()
    print(f"{connection.vendor}, {films:,} films, {args.rounds} rounds, target {TARGET_MS:.0f} ms")

    cold: dict[str, float] = {}
    counts: dict[str, int] = {}
    for name, url in targets.items():
        cache.clear()
        cold[name], counts[name], status, _ = timed(client, url)
        if status != 200:
            raise SystemExit(f"{url} answered {status}")
    samples: dict[str, list[float]] = {name: [] for name in targets}
    cpu: dict[str, list[float]] = {name: [] for name in targets}
    for _ in range(args.rounds):
        for name, url in targets.items():
            elapsed, _, _, cpu_ms = timed(client, url)
            samples[name].append(elapsed)
            cpu[name].append(cpu_ms)

    baseline = statistics.median(samples["baseline: bare view"])
    load = os.getloadavg()[0]
    print(f"load average {load:.1f} on {os.cpu_count()} CPUs: wall times include waiting for them")
    header = f"{'page':28} {'median':>8} {'p95':>8} {'cold':>8} {'cpu':>8} {'queries':>8}"
    print(f"{header} {'x bare':>8}")
    for name, times in samples.items():
        median = statistics.median(times)
        p95 = statistics.quantiles(times, n=20)[-1]
        flag = "" if median <= TARGET_MS else "  over target"
        print(
            f"{name:28} {median:7.1f}ms {p95:7.1f}ms {cold[name]:7.1f}ms "
            f"{statistics.median(cpu[name]):7.1f}ms {counts[name]:8d} "
            f"{median / baseline:7.1f}x{flag}"
        )


if __name__ == "__main__":
    main()
