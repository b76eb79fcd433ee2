"""The site's catalog pages: home, browse, film, person, search (+ autocomplete), developers."""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from catalog import search, showcase
from catalog.browse import DECADES, LANGUAGES, browse_page
from catalog.developer_portal import portal_context
from catalog.models import Credit, Film, FilmWatchProvider, Person
from catalog.score_breakdown import cached_means, score_breakdown
from catalog.selectors import catalog_counts, crew_by_department

# Cast shown on the film page before "full cast"; the whole cast is still in the page.
TOP_CAST = 12
# Where-to-watch opens this region first (the catalog's providers are US-centric).
DEFAULT_REGION = "US"
# A person page lists at most this many credits (a prolific crew member can have thousands).
MAX_PERSON_CREDITS = 600


# /
def home(request: HttpRequest) -> HttpResponse:
    context = {
        "counts": catalog_counts(),
        "trending": cache.get_or_set("home:trending", showcase.trending_films, timeout=300),
        "top_rated": showcase.top_rated_films(),
        "recent_reviews": showcase.recent_reviews(),
        "popular_lists": showcase.popular_lists(),
    }
    return render(request, "catalog/home.html", context)


# /films/
def film_list(request: HttpRequest) -> HttpResponse:
    page = browse_page(request.GET)
    context = {
        "page": page,
        "decades": DECADES,
        "languages": list(LANGUAGES.items()),
        "language_codes": list(LANGUAGES),
    }
    return render(request, "catalog/film_list.html", context, status=page.status)


# /films/<id>/
def film_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    credits = Credit.objects.select_related("person").order_by("kind", "order", "id")
    providers = FilmWatchProvider.objects.select_related("provider")
    film = (
        Film.objects.by_public_id(public_id)
        .prefetch_related(
            "genres",
            "countries",
            Prefetch("credits", queryset=credits),
            Prefetch("watch_providers", queryset=providers),
        )
        .first()
    )
    if film is None:
        raise Http404("No film with this id")
    cast = [c for c in film.credits.all() if c.kind == Credit.Kind.CAST]
    crew = [c for c in film.credits.all() if c.kind == Credit.Kind.CREW]
    context = {
        "film": film,
        "cast": cast[:TOP_CAST],
        "more_cast": cast[TOP_CAST:],
        "directors": [c.person for c in crew if c.job == "Director"],
        "crew_by_department": crew_by_department(crew),
        "breakdown": score_breakdown(film, cached_means()),
        "providers": _providers_by_region(film.watch_providers.all()),
        "similar": _similar_films(film),
        "reviews": _film_reviews(film),
    }
    return render(request, "catalog/film_detail.html", context)


def _providers_by_region(offers) -> list[tuple[str, list[tuple[str, list]]]]:
    """[(region, [(offer label, [provider, ...]), ...]), ...], regions in code order."""
    regions: dict[str, dict[str, list]] = {}
    for offer in offers:
        label = FilmWatchProvider.Offer(offer.offer).label
        regions.setdefault(offer.region, {}).setdefault(label, []).append(offer)
    ordered = sorted(regions.items(), key=lambda item: (item[0] != DEFAULT_REGION, item[0]))
    return [(region, list(offers.items())) for region, offers in ordered]


def _similar_films(film: Film, *, limit: int = 8) -> list[Film]:
    """The best-scored films sharing a genre from within ten years of this one.

    EXISTS rather than a join + DISTINCT, and (master_score, id) both descending, so the
    database walks the score index backwards and stops after `limit` matches.
    """
    genre_ids = [g.id for g in film.genres.all()]
    if not genre_ids:
        return []
    through = Film.genres.through
    shares_genre = Exists(through.objects.filter(film_id=OuterRef("pk"), genre_id__in=genre_ids))
    films = Film.objects.for_card().filter(shares_genre, master_score__isnull=False)
    if film.year:
        films = films.filter(year__range=(film.year - 10, film.year + 10))
    return list(films.exclude(pk=film.pk).order_by("-master_score", "-id")[:limit])


def _film_reviews(film: Film, *, limit: int = 6) -> list:
    return list(
        film.reviews.with_text()
        .select_related("user")
        .only(
            "id",
            "rating",
            "text",
            "created_at",
            "watched_on",
            "rewatch",
            "film_id",
            "user__id",
            "user__username",
            "user__display_name",
        )  # fmt: skip
        .order_by("-created_at", "-id")[:limit]
    )


# /people/<id>/
def person_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    person = Person.objects.by_public_id(public_id).first()
    if person is None:
        raise Http404("No person with this id")
    credits = list(
        person.credits.select_related("film")
        .only(
            "id",
            "person",
            "kind",
            "department",
            "job",
            "character",
            "film__id",
            "film__public_id",
            "film__title",
            "film__year",
            "film__master_score",
        )  # fmt: skip
        .order_by("-film__year", "film__title", "id")[:MAX_PERSON_CREDITS]
    )
    context = {
        "person": person,
        "departments": _filmography(credits),
        "credit_count": len(credits),
        "truncated": len(credits) == MAX_PERSON_CREDITS,
    }
    return render(request, "catalog/person_detail.html", context)


def _filmography(credits: list[Credit]) -> list[tuple[str, list[Credit]]]:
    """Credits by department (acting first, then the crew's conventional order), newest first."""
    groups: dict[str, list[Credit]] = {}
    for credit in credits:
        department = "Acting" if credit.kind == Credit.Kind.CAST else credit.department
        groups.setdefault(department, []).append(credit)
    order = ("Acting", *Credit.DEPARTMENTS)
    rank = {name: i for i, name in enumerate(order)}
    return sorted(groups.items(), key=lambda item: (rank.get(item[0], len(rank)), item[0]))


# /search/?q=
def search_page(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    context = {
        "query": query,
        "films": search.search_films(query) if query else [],
        "people": search.search_people(query) if query else [],
        "too_short": 0 < len(query) < search.MIN_QUERY_LENGTH,
    }
    return render(request, "catalog/search.html", context)


# /search/autocomplete/?q=
@require_GET
@cache_control(public=True, max_age=60)
def autocomplete(request: HttpRequest) -> JsonResponse:
    query = request.GET.get("q", "").strip()[:100]
    suggestions = search.autocomplete(query) if query else []
    return JsonResponse({"query": query, "results": [s.as_json() for s in suggestions]})


# /developers/
def developers(request: HttpRequest) -> HttpResponse:
    return render(request, "catalog/developers.html", portal_context(request))
