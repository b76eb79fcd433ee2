"""The film filters shared by the browse page (/films/) and the API (/api/v2/films).

    filterset = FilmFilterSet(request.GET, queryset=Film.objects.for_list())
    if not filterset.is_valid(): ...  # filterset.errors: {"min_rating": ["must be ..."]}
    films = order_films(filterset.qs, parse_sort(request.GET.get("sort"), has_query=...))

Every field is strict: a value it cannot use is an error phrased as "must ..." so the API
can say "min_rating must be a number between 0 and 10" (never silently ignored or clamped,
which is what django-filter's defaults would do for a boolean or an out-of-range number).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import django_filters
from django import forms
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Exists, F, OuterRef, QuerySet

from catalog.fulltext import search_films
from catalog.models import Credit, Film, Genre
from catalog.text import normalise_title

# Spellings people use for genres whose catalog name differs (Hollywood Metrics says Sci-Fi).
GENRE_ALIASES = {"scifi": "sciencefiction", "sf": "sciencefiction", "tvmovie": "tvmovie"}
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def _messages(message: str) -> dict[str, str]:
    """One message for every way a form field can reject a value."""
    keys = ("invalid", "required", "min_value", "max_value", "max_length", "min_length")
    return dict.fromkeys(keys, message) | {"invalid_choice": message}


def genre_key(name: str) -> str:
    key = _NOT_ALNUM.sub("", name.lower())
    return GENRE_ALIASES.get(key, key)


def genre_lookup() -> dict[str, tuple[int, str]]:
    """{normalised name or slug: (id, name)}, cached: the genre list rarely changes."""

    def load() -> dict[str, tuple[int, str]]:
        lookup: dict[str, tuple[int, str]] = {}
        for genre_id, name, slug in Genre.objects.values_list("id", "name", "slug"):
            lookup[genre_key(name)] = (genre_id, name)
            lookup.setdefault(genre_key(slug), (genre_id, name))
        return lookup

    return cache.get_or_set("catalog:genre-lookup", load, timeout=300)


class StrictBooleanField(forms.Field):
    def to_python(self, value):
        if value in (None, ""):
            return None
        text = str(value).strip().lower()
        if text in ("true", "1", "yes"):
            return True
        if text in ("false", "0", "no"):
            return False
        raise ValidationError("must be true or false", code="invalid")


class GenreListField(forms.CharField):
    """`Drama,sci-fi` -> genre ids; an unknown genre names the valid ones."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        lookup = genre_lookup()
        ids, unknown = [], []
        for name in filter(None, (part.strip() for part in value.split(","))):
            match = lookup.get(genre_key(name))
            (ids.append(match[0]) if match else unknown.append(name))
        if unknown or len(ids) > 10:
            valid = ", ".join(sorted({name for _, name in lookup.values()}))
            raise ValidationError(
                f"must be up to 10 comma-separated genres from: {valid} (unknown: "
                f"{', '.join(unknown) or 'none'})",
                code="invalid",
            )
        return sorted(set(ids))


class DecadeField(forms.CharField):
    """`1990s` or `1990` -> 1990."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        match = re.fullmatch(r"(1[89]\d|20\d)0s?", value.strip().lower())
        if not match:
            raise ValidationError("must be a decade like 1990s or 1990", code="invalid")
        return int(match.group(1)) * 10


class LanguageField(forms.CharField):
    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        if not re.fullmatch(r"[A-Za-z]{2}", value):
            raise ValidationError("must be a two-letter ISO 639-1 code such as en", code="invalid")
        return value.lower()


class StrictBooleanFilter(django_filters.Filter):
    field_class = StrictBooleanField


class GenreFilter(django_filters.Filter):
    field_class = GenreListField


class DecadeFilter(django_filters.Filter):
    field_class = DecadeField


class LanguageFilter(django_filters.Filter):
    field_class = LanguageField


class IntegerFilter(django_filters.Filter):
    field_class = forms.IntegerField


class FloatFilter(django_filters.Filter):
    field_class = forms.FloatField


def _range_filter(cls, field: str, lookup: str, low, high, what: str):
    message = f"must be {what} between {low} and {high}"
    return cls(
        field_name=field,
        lookup_expr=lookup,
        min_value=low,
        max_value=high,
        error_messages=_messages(message),
    )


class FilmFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_q", max_length=200, error_messages=_messages("must be at most 200 chars")
    )
    genre = GenreFilter(method="filter_genre")
    decade = DecadeFilter(method="filter_decade")
    year_min = _range_filter(IntegerFilter, "year", "gte", 1870, 2100, "a whole year")
    year_max = _range_filter(IntegerFilter, "year", "lte", 1870, 2100, "a whole year")
    min_rating = _range_filter(FloatFilter, "imdb_rating", "gte", 0, 10, "a number")
    min_score = _range_filter(FloatFilter, "master_score", "gte", 0, 100, "a number")
    min_votes = _range_filter(IntegerFilter, "imdb_votes", "gte", 0, 10**9, "a whole number")
    director = django_filters.CharFilter(
        method="filter_director",
        min_length=2,
        max_length=100,
        error_messages=_messages("must be 2 to 100 characters of a director's name"),
    )
    actor = django_filters.CharFilter(
        method="filter_actor",
        min_length=2,
        max_length=100,
        error_messages=_messages("must be 2 to 100 characters of a cast member's name"),
    )
    language = LanguageFilter(field_name="original_language")
    has_poster = StrictBooleanFilter(field_name="has_poster")

    class Meta:
        model = Film
        fields: list[str] = []

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return search_films(queryset, value.strip()) if value.strip() else queryset

    def filter_genre(self, queryset: QuerySet, name: str, value: list[int]) -> QuerySet:
        # One EXISTS per genre: AND semantics, and a semi-join the planner can run while
        # walking a sort index (no GROUP BY over every film of a big genre).
        through = Film.genres.through
        for genre_id in value:
            queryset = queryset.filter(
                Exists(through.objects.filter(film_id=OuterRef("pk"), genre_id=genre_id))
            )
        return queryset

    def filter_decade(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        return queryset.filter(year__gte=value, year__lte=value + 9)

    def filter_director(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(_credited(value, job="Director"))

    def filter_actor(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(_credited(value, kind=Credit.Kind.CAST))


def _credited(name: str, **credit_filter) -> Exists:
    norm = normalise_title(name, strip_articles=False)
    return Exists(
        Credit.objects.filter(film_id=OuterRef("pk"), person__norm_name__contains=norm).filter(
            **credit_filter
        )
    )


# --- Sorting ---------------------------------------------------------------------------
# Public sort name -> column. Every column has a (column, id) b-tree index on Film.
SORT_COLUMNS = {
    "master_score": "master_score",
    "year": "year",
    "release_date": "release_date",
    "title": "title",
    "rating": "imdb_rating",
    "votes": "imdb_votes",
    "popularity": "popularity",
    "runtime": "runtime",
}
RELEVANCE = "relevance"
DEFAULT_SORT = "master_score:desc"


@dataclass(frozen=True)
class FilmSort:
    name: str  # public name, e.g. "rating"
    column: str  # model field or annotation, e.g. "imdb_rating" or "search_rank"
    descending: bool

    @property
    def token(self) -> str:
        return f"{self.name}:{'desc' if self.descending else 'asc'}"


class SortError(ValueError):
    pass


def parse_sort(value: str | None, *, has_query: bool) -> FilmSort:
    """`field:dir` over the allow-list; `relevance` (the default with q) needs q."""
    if not value:
        value = f"{RELEVANCE}:desc" if has_query else DEFAULT_SORT
    name, _, direction = value.strip().partition(":")
    direction = direction or ("desc" if name in (RELEVANCE, "master_score") else "asc")
    allowed = [*SORT_COLUMNS, *([RELEVANCE] if has_query else [])]
    if name not in allowed or direction not in ("asc", "desc"):
        raise SortError(
            f"must be field:dir with field one of {', '.join(allowed)} and dir asc or desc"
            + ("" if has_query else " (relevance needs q)")
        )
    column = "search_rank" if name == RELEVANCE else SORT_COLUMNS[name]
    return FilmSort(name=name, column=column, descending=direction == "desc")


def order_films(queryset: QuerySet, sort: FilmSort) -> QuerySet:
    """Order for display (nulls last either way, ties by id); the API pages by keyset."""
    column = F(sort.column)
    key = column.desc(nulls_last=True) if sort.descending else column.asc(nulls_last=True)
    return queryset.order_by(key, "-id" if sort.descending else "id")
