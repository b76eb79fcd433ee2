"""The developer portal's page data: an example film, the visitor's key prefix, code snippets."""

from __future__ import annotations

import shlex
from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpRequest

from accounts.models import ApiKey
from catalog.models import Film

API_PREFIX = "/api/v2"
KEY_PLACEHOLDER = "rb_your_key"


@dataclass(frozen=True)
class Snippet:
    language: str
    slug: str
    code: str


def example_film_id() -> str:
    """A real film for the examples: the best-scored one with an IMDb id (cached)."""

    def pick() -> str:
        films = Film.objects.exclude(imdb_id=None).top_rated()
        return films.values_list("public_id", flat=True).first() or "tt0068646"

    return cache.get_or_set("developers:example-film", pick, timeout=600)


def key_hint(user) -> str:
    """What the snippets put in the key header: the visitor's newest active key prefix + "…"."""
    if not user.is_authenticated:
        return KEY_PLACEHOLDER
    prefix = ApiKey.objects.filter(user=user).active().values_list("prefix", flat=True).first()
    return f"{prefix}…" if prefix else KEY_PLACEHOLDER


def snippets(url: str, key: str) -> list[Snippet]:
    """The same GET in the stacks people use; the page's script rebuilds these as you edit."""
    return [
        Snippet(
            "curl", "curl", f"curl -H {shlex.quote('X-API-Key: ' + key)} \\\n  {shlex.quote(url)}"
        ),
        Snippet(
            "Python",
            "python",
            "import httpx\n\n"
            f'response = httpx.get(\n    "{url}",\n    headers={{"X-API-Key": "{key}"}},\n)\n'
            'response.raise_for_status()\nprint(response.json()["data"])',
        ),
        Snippet(
            "JavaScript",
            "javascript",
            f'const response = await fetch("{url}", {{\n'
            f'  headers: {{ "X-API-Key": "{key}" }},\n}});\n'
            "const { data } = await response.json();\nconsole.log(data);",
        ),
        Snippet(
            "Go",
            "go",
            f'req, _ := http.NewRequest("GET", "{url}", nil)\n'
            f'req.Header.Set("X-API-Key", "{key}")\n'
            "resp, err := http.DefaultClient.Do(req)",
        ),
    ]


def presets(film_id: str) -> list[tuple[str, str]]:
    return [
        ("A film", f"{API_PREFIX}/films/{film_id}"),
        ("Filter the catalog", f"{API_PREFIX}/films?genre=drama&decade=1970s&limit=5"),
        ("Project fields", f"{API_PREFIX}/films?fields=id,title,year,ratings.master_score&limit=3"),
        ("Resolve a title", f"{API_PREFIX}/resolve?title=the%20godfater&year=1972"),
        ("Your account", f"{API_PREFIX}/me"),
    ]  # fmt: skip


def portal_context(request: HttpRequest) -> dict:
    film_id = example_film_id()
    key = key_hint(request.user)
    base = request.build_absolute_uri(API_PREFIX)
    path = f"{API_PREFIX}/films/{film_id}"
    return {
        "api_base": base,
        "film_id": film_id,
        "key_hint": key,
        "has_own_key": key != KEY_PLACEHOLDER,
        "first_path": path,
        "curl_example": snippets(request.build_absolute_uri(path), key)[0].code,
        "snippets": snippets(request.build_absolute_uri(path), key),
        "presets": presets(film_id),
    }
