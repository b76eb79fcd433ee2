"""The OpenAPI document and Swagger UI of /api/v2 (assets from drf-spectacular-sidecar).

Apps register JSON Schema components (shapes rendered without serializers) in
`EXTRA_COMPONENTS`; the generator adds them and the three ways to send an API key.
"""

from __future__ import annotations

from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from catalog.api.schema import COMPONENTS as CATALOG_COMPONENTS

EXTRA_COMPONENTS: dict[str, dict] = {**CATALOG_COMPONENTS}

SECURITY_SCHEMES = {
    "ApiKeyHeader": {
        "type": "apiKey",
        "in": "header",
        "name": "X-API-Key",
        "description": "Your API key (rb_…). Also accepted: `Authorization: Token token=KEY`.",
    },
    "BearerAuth": {
        "type": "http",
        "scheme": "bearer",
        "description": "`Authorization: Bearer KEY`",
    },
    "ApiKeyQuery": {
        "type": "apiKey",
        "in": "query",
        "name": "key",
        "description": "Discouraged (keys end up in logs of proxies): `?key=` or `?api_key=`.",
    },
}
DESCRIPTION = """The Reelbase developer API: a century of cinema as canonical Film records.

* Public catalog reads work without a key (per-IP limits); a key raises the limits and
  unlocks your plan's routes. Send it as `X-API-Key`, `Authorization: Bearer`, or `?key=`.
* Single objects are `{"data": {...}}`; lists are `{"data": [...], "meta": {...}}` with
  keyset cursors (`meta.next_cursor`), plus `Link` and `Total` headers.
* Every error is `{"error": {"code", "message", "status", "details"?}}`; match on `code`.
* Every response carries `X-Request-Id`.
"""


class ReelbaseSchemaGenerator(SchemaGenerator):
    def get_schema(self, request=None, public=False):
        schema = super().get_schema(request=request, public=public)
        components = schema.setdefault("components", {})
        components.setdefault("schemas", {}).update(EXTRA_COMPONENTS)
        components.setdefault("securitySchemes", {}).update(SECURITY_SCHEMES)
        # Anonymous access ({}) is allowed on public routes; a key may always be sent.
        schema["security"] = [{"ApiKeyHeader": []}, {"BearerAuth": []}, {"ApiKeyQuery": []}, {}]
        schema["info"]["description"] = DESCRIPTION
        schema["servers"] = [{"url": "/", "description": "This site"}]
        return schema


class OpenApiView(SpectacularAPIView):
    generator_class = ReelbaseSchemaGenerator
    authentication_classes: list = []
    permission_classes: list = []
    throttle_classes: list = []


class SwaggerView(SpectacularSwaggerView):
    authentication_classes: list = []
    permission_classes: list = []
    throttle_classes: list = []
