"""The /films/ browse page: the API's FilmFilterSet and sort, shown as a form and a grid.

Pages are bounded (MAX_PAGE x PER_PAGE films deep, one extra row fetched to know whether a
next page exists), so no request ever counts or offsets through a million rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import QuerySet
from django.http import QueryDict

from catalog.filters import RELEVANCE, FilmFilterSet, FilmSort, SortError, parse_sort
from catalog.models import Film, Genre

PER_PAGE = 24
MAX_PAGE = 100
# The query-string parameters the page understands, in the order the filter chips show them.
FILTER_LABELS = {
    "q": "Text",
    "genre": "Genre",
    "decade": "Decade",
    "year_min": "From",
    "year_max": "To",
    "min_rating": "IMDb ≥",
    "min_score": "Score ≥",
    "min_votes": "Votes ≥",
    "language": "Language",
    "director": "Director",
    "actor": "Actor",
    "has_poster": "Poster",
}
SORT_LABELS = {
    "master_score:desc": "Master score",
    "popularity:desc": "Most popular",
    "year:desc": "Newest first",
    "year:asc": "Oldest first",
    "rating:desc": "IMDb rating",
    "votes:desc": "Most voted",
    "title:asc": "Title A–Z",
    "runtime:desc": "Longest",
    "runtime:asc": "Shortest",
}
DECADES = [f"{year}s" for year in range(2020, 1889, -10)]
LANGUAGES = {
    "en": "English", "fr": "French", "de": "German", "es": "Spanish", "it": "Italian",
    "ja": "Japanese", "ko": "Korean", "zh": "Chinese", "hi": "Hindi", "ru": "Russian",
    "pt": "Portuguese", "sv": "Swedish", "da": "Danish", "fa": "Persian", "pl": "Polish",
}  # fmt: skip


@dataclass
class Chip:
    label: str
    value: str
    remove_url: str


@dataclass
class BrowsePage:
    params: QueryDict
    films: list[Film] = field(default_factory=list)
    errors: dict[str, list[str]] = field(default_factory=dict)
    number: int = 1
    has_next: bool = False
    sort: str = ""
    chips: list[Chip] = field(default_factory=list)
    genres: list[dict] = field(default_factory=list)

    @property
    def status(self) -> int:
        return 400 if self.errors else 200

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    def page_url(self, number: int) -> str:
        params = self.params.copy()
        params["page"] = str(number)
        return f"?{params.urlencode()}"

    @property
    def next_url(self) -> str:
        return self.page_url(self.number + 1)

    @property
    def previous_url(self) -> str:
        return self.page_url(self.number - 1)

    @property
    def sort_options(self) -> list[tuple[str, str]]:
        options = list(SORT_LABELS.items())
        if self.params.get("q"):
            options.insert(0, ("relevance:desc", "Best match"))
        return options


def genre_options() -> list[dict]:
    return cache.get_or_set(
        "catalog:genre-options", lambda: list(Genre.objects.values("name", "slug")), 300
    )


def _clean_params(raw: QueryDict) -> QueryDict:
    """Drop empty fields (a submitted form sends them all) so URLs stay short and shareable."""
    params = QueryDict(mutable=True)
    for key in [*FILTER_LABELS, "sort"]:
        value = raw.get(key, "").strip()
        if value:
            params[key] = value
    return params


def _chips(params: QueryDict, genres: list[dict]) -> list[Chip]:
    """One removable chip per active filter, with genre slugs and language codes named."""
    names = {g["slug"]: g["name"] for g in genres} | LANGUAGES | {"true": "yes", "false": "no"}
    chips = []
    for key, label in FILTER_LABELS.items():
        if key in params:
            rest = params.copy()
            del rest[key]
            value = params[key]
            if key in ("genre", "language", "has_poster"):
                value = ", ".join(names.get(part, part) for part in value.split(","))
            chips.append(Chip(label, value, f"?{rest.urlencode()}"))
    return chips


def _page_number(raw: str | None, errors: dict) -> int:
    if raw in (None, ""):
        return 1
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE:
        errors["page"] = [f"must be a whole number between 1 and {MAX_PAGE}"]
        return 1
    return int(raw)


def _ordered(films: QuerySet[Film], sort: FilmSort) -> QuerySet[Film]:
    """Sorted by one (column, id) index, scanned forwards or backwards.

    Films without a value for the sort column are left out: "nulls last" in a descending
    sort cannot walk the index, and would sort the whole filtered catalog on every page.
    """
    direction = "-" if sort.descending else ""
    if sort.name != RELEVANCE:
        films = films.filter(**{f"{sort.column}__isnull": False})
    return films.order_by(f"{direction}{sort.column}", f"{direction}id")


def browse_page(raw: QueryDict) -> BrowsePage:
    params = _clean_params(raw)
    genres = genre_options()
    page = BrowsePage(params=params, chips=_chips(params, genres), genres=genres)
    page.number = _page_number(raw.get("page"), page.errors)
    filterset = FilmFilterSet(params, queryset=Film.objects.for_list())
    if not filterset.is_valid():
        page.errors.update({name: list(msgs) for name, msgs in filterset.errors.items()})
    try:
        sort = parse_sort(params.get("sort"), has_query=bool(params.get("q")))
    except SortError as error:
        page.errors["sort"] = [str(error)]
    if page.errors:
        return page
    page.sort = sort.token
    offset = (page.number - 1) * PER_PAGE
    rows = list(_ordered(filterset.qs, sort)[offset : offset + PER_PAGE + 1])
    page.films, page.has_next = rows[:PER_PAGE], len(rows) > PER_PAGE and page.number < MAX_PAGE
    return page
