"""Every route under /api/v2/; each app contributes its own `api_urls` module."""

from django.urls import include, path

from config.api.openapi import OpenApiView, SwaggerView

urlpatterns = [
    # /api/v2/openapi.json and /api/v2/docs (Swagger UI, assets served locally by sidecar)
    path("openapi.json", OpenApiView.as_view(), {"format": "json"}, name="api-schema"),
    path("docs", SwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("", include("catalog.api_urls")),
    path("", include("accounts.api_urls")),
    path("", include("reviews.api_urls")),
]
