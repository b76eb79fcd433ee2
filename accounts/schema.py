"""How drf-spectacular describes our authentication class in the OpenAPI document.

Each operation lists the ways to send a key as alternatives (separate requirement objects:
OpenAPI reads keys inside one object as "all at once"), plus anonymous access (`{}`) on
public read routes. config/api/openapi.py publishes the scheme descriptions.
Imported from AccountsConfig.ready() so it is registered before any schema is built.
"""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.permissions import SAFE_METHODS

_SCHEMES = {
    "ApiKeyHeader": {"type": "apiKey", "in": "header", "name": "X-API-Key"},
    "BearerAuth": {"type": "http", "scheme": "bearer"},
    "ApiKeyQuery": {"type": "apiKey", "in": "query", "name": "key"},
}


class ApiKeyAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = "accounts.authentication.ApiKeyAuthentication"
    name = list(_SCHEMES)

    def get_security_definition(self, auto_schema) -> list[dict]:
        return list(_SCHEMES.values())

    def get_security_requirement(self, auto_schema) -> list[dict]:
        requirements: list[dict] = [{name: []} for name in _SCHEMES]
        if getattr(auto_schema.view, "public", False) and auto_schema.method in SAFE_METHODS:
            requirements.append({})
        return requirements
