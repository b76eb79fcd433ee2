"""Every route under /api/v2/; each app contributes its own `api_urls` module."""

from django.urls import include, path

urlpatterns = [
    path("", include("catalog.api_urls")),
    path("", include("accounts.api_urls")),
    path("", include("reviews.api_urls")),
]
