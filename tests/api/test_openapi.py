"""The OpenAPI document describes exactly what the API sends, and every /api/ route."""

from __future__ import annotations

import copy
import json
import re

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver
from jsonschema import Draft202012Validator

from tests.api.helpers import body, make_godfather, ndjson

pytestmark = pytest.mark.django_db


@pytest.fixture
def openapi(client) -> dict:
    response = client.get("/api/v2/openapi.json")
    assert response.status_code == 200
    return json.loads(response.content)


def to_json_schema(node, *, strict: bool):
    """OpenAPI 3.0 -> JSON Schema: `nullable` becomes a null type; `strict` requires every
    declared property (an unprojected object must carry them all)."""
    if isinstance(node, list):
        return [to_json_schema(item, strict=strict) for item in node]
    if not isinstance(node, dict):
        return node
    node = {k: to_json_schema(v, strict=strict) for k, v in node.items()}
    if strict and node.get("type") == "object" and "properties" in node:
        properties = node["properties"]
        node["required"] = [k for k, v in properties.items() if not _optional(v)]
    if node.pop("nullable", False):
        return {"anyOf": [node, {"type": "null"}]}
    return node


def _optional(schema: dict) -> bool:
    """Properties sent only on request (appends, error details) are marked x-optional."""
    return any(branch.get("x-optional") for branch in [schema, *schema.get("anyOf", [])])


def validator(openapi: dict, component: str, *, strict: bool = True) -> Draft202012Validator:
    components = to_json_schema(copy.deepcopy(openapi["components"]), strict=strict)
    schema = {"$ref": f"#/components/schemas/{component}", "components": components}
    return Draft202012Validator(schema)


def assert_valid(openapi: dict, component: str, instance, *, strict: bool = True) -> None:
    errors = sorted(validator(openapi, component, strict=strict).iter_errors(instance), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])


def api_routes() -> set[str]:
    """Every URL under /api/v2/ as an OpenAPI path template."""
    routes: set[str] = set()

    def walk(patterns, prefix: str) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern) and route.startswith("api/v2/"):
                routes.add("/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route))

    walk(get_resolver().url_patterns, "")
    return routes - {"/api/v2/openapi.json", "/api/v2/docs"}


def test_every_api_route_is_in_the_schema(openapi):
    assert api_routes() - set(openapi["paths"]) == set()


def test_every_operation_has_a_description_errors_and_an_auth_scheme(openapi):
    assert set(openapi["components"]["securitySchemes"]) >= {
        "ApiKeyHeader",
        "BearerAuth",
        "ApiKeyQuery",
    }
    for path, operations in openapi["paths"].items():
        if not path.startswith(("/api/v2/films", "/api/v2/people", "/api/v2/catalog")):
            continue
        for method, operation in operations.items():
            assert operation.get("description"), f"{method} {path}"
            assert {"400", "429", "500"} <= set(operation["responses"]), f"{method} {path}"


def test_the_seed_examples_are_in_the_schema(openapi):
    text = json.dumps(openapi)
    assert "tt0068646" in text
    assert "genre=Sci-Fi&decade=1980s&min_rating=8.0&limit=10" in text
    parameters = {p["name"] for p in openapi["paths"]["/api/v2/films"]["get"]["parameters"]}
    assert parameters >= {
        "q", "genre", "decade", "year_min", "year_max", "min_rating", "min_score", "min_votes",
        "director", "actor", "language", "has_poster", "sort", "fields", "limit", "cursor", "page",
    }  # fmt: skip


def test_list_and_detail_responses_match_the_schema_exactly(client, openapi):
    make_godfather()
    assert_valid(openapi, "FilmList", body(client.get("/api/v2/films")))
    detail = body(client.get("/api/v2/films/tt0068646?append=credits,similar,reviews_summary"))
    assert_valid(openapi, "FilmDetailResponse", detail)
    assert_valid(openapi, "PersonList", body(client.get("/api/v2/people")))
    assert_valid(openapi, "PersonDetailResponse", body(client.get("/api/v2/people/nm0000338")))
    assert_valid(openapi, "GenreList", body(client.get("/api/v2/genres")))
    assert_valid(openapi, "Configuration", body(client.get("/api/v2/configuration")))


def test_stream_lines_are_films(client, openapi):
    make_godfather()
    for line in ndjson(client.get("/api/v2/films/stream")):
        assert_valid(openapi, "Film", line)


def test_projected_responses_match_the_schema(client, openapi):
    make_godfather()
    page = body(client.get("/api/v2/films?fields=id,ratings.imdb,cast.name"))
    assert_valid(openapi, "FilmList", page, strict=False)


def test_a_schema_that_misses_a_sent_key_fails_validation(client, openapi):
    make_godfather()
    del openapi["components"]["schemas"]["Film"]["properties"]["director"]
    with pytest.raises(AssertionError):
        assert_valid(openapi, "FilmList", body(client.get("/api/v2/films")))


def test_errors_and_the_snapshot_match_the_schema(client, openapi):
    assert_valid(openapi, "Error", body(client.get("/api/v2/films?limit=0")))
    assert_valid(openapi, "Error", body(client.get("/api/v2/catalog/snapshot")))
    make_godfather()
    call_command("build_snapshot", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert_valid(openapi, "Snapshot", body(client.get("/api/v2/catalog/snapshot?format=json")))


def test_swagger_ui_is_served_with_local_assets(client):
    response = client.get("/api/v2/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html and "/api/v2/openapi.json" in html
    assert not re.search(r'(src|href)="https?://', html), "no CDN assets"
    asset = re.search(r'src="/static/([^"]*swagger-ui-bundle\.js)"', html).group(1)
    assert finders.find(asset), "the bundle ships with drf-spectacular-sidecar"
