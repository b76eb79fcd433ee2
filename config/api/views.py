"""Base classes every /api/v2 view subclasses (catalog, accounts, reviews).

Authentication, permissions and throttling are NOT decided here: they come from
REST_FRAMEWORK's DEFAULT_AUTHENTICATION_CLASSES / DEFAULT_PERMISSION_CLASSES /
DEFAULT_THROTTLE_CLASSES in settings, so one hook configures the whole surface. Views
only say whether they are `public` (anonymous-readable catalog data: CORS `*`, ETag,
`Cache-Control: public`; permissions from settings.API_PUBLIC_PERMISSION_CLASSES, default
AllowAny) or private (`Cache-Control: private, no-store`; DEFAULT_PERMISSION_CLASSES).

Idempotency: a POST with an `Idempotency-Key` header is claimed after authentication,
permissions and throttling, and its response stored or replayed (config/api/idempotency.py).

Rate-limit headers: whoever counts requests (a throttle class, an authentication class)
sets `request.rate_limit_headers = {"RateLimit-Limit": "60", ...}` on the DRF request or
the Django request; `finalize_response` copies them onto every response, errors included.
"""

from __future__ import annotations

import hashlib
from typing import Any, ClassVar

import orjson
from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified
from django.template.response import SimpleTemplateResponse
from django.utils.cache import patch_vary_headers
from django.utils.module_loading import import_string
from rest_framework import generics, viewsets
from rest_framework.request import Request
from rest_framework.views import APIView

from config.api import idempotency

JSON_CONTENT_TYPE = "application/json"
# Headers a browser script may read on a cross-origin response.
_EXPOSED_HEADERS = (
    "ETag, Link, Total, X-Request-Id, Retry-After, RateLimit-Limit, RateLimit-Remaining, "
    "RateLimit-Reset, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, "
    "X-RateLimit-Limit-Day, X-RateLimit-Remaining-Day"
)
_ALLOWED_REQUEST_HEADERS = "X-API-Key, Authorization, If-None-Match, Content-Type, X-Request-Id"
_SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def json_response(data: Any, *, status: int = 200, headers: dict[str, str] | None = None):
    """Render with orjson: the hot paths skip DRF's serializer and renderer entirely."""
    body = orjson.dumps(data, option=orjson.OPT_UTC_Z | orjson.OPT_NON_STR_KEYS)
    return HttpResponse(body, status=status, content_type=JSON_CONTENT_TYPE, headers=headers)


def rate_limit_headers(request: Request) -> dict[str, str]:
    headers = getattr(request, "rate_limit_headers", None)
    if headers is None:
        headers = getattr(request._request, "rate_limit_headers", None)
    return headers or {}


class ApiViewMixin:
    """Response headers shared by every API view; mixed into the classes below."""

    # Anonymous-readable catalog data: CORS `*`, ETag/304 and a shared cache.
    public: ClassVar[bool] = False
    cache_max_age: ClassVar[int] = 60

    def get_permissions(self):
        # Public routes are readable anonymously; settings may name the permission classes
        # (e.g. one that also gates unsafe methods by plan) without touching the views.
        if self.public:
            paths = getattr(settings, "API_PUBLIC_PERMISSION_CLASSES", None) or [
                "rest_framework.permissions.AllowAny"
            ]
            return [import_string(path)() for path in paths]
        return super().get_permissions()

    def initial(self, request: Request, *args, **kwargs) -> None:
        idempotency.read_body(request)
        super().initial(request, *args, **kwargs)
        idempotency.begin(request)

    def handle_exception(self, exc: Exception):
        if isinstance(exc, idempotency.Replay):
            return exc.response
        try:
            return super().handle_exception(exc)
        except Exception:
            idempotency.release(self.request)  # a crash (500): the key may be retried
            raise

    def finalize_response(self, request: Request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        idempotency.finish(request, response)
        for name, value in rate_limit_headers(request).items():
            response[name] = value
        if self.public and request.method in _SAFE_METHODS:
            self._add_cors_headers(response)
        if response.status_code >= 400 or response.has_header("Cache-Control"):
            return response
        if self.public and request.method in ("GET", "HEAD"):
            return self._conditional(request, response)
        if not self.public:
            response["Cache-Control"] = "private, no-store"
        return response

    def _add_cors_headers(self, response: HttpResponse) -> None:
        # No Allow-Credentials: cookies never travel cross-origin to the API.
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Allow-Methods"] = ", ".join(_SAFE_METHODS)
        response["Access-Control-Allow-Headers"] = _ALLOWED_REQUEST_HEADERS
        response["Access-Control-Expose-Headers"] = _EXPOSED_HEADERS
        response["Access-Control-Max-Age"] = "86400"

    def _conditional(self, request: Request, response: HttpResponse) -> HttpResponse:
        response["Cache-Control"] = f"public, max-age={self.cache_max_age}"
        patch_vary_headers(response, ["X-API-Key", "Authorization"])
        if response.status_code != 200 or response.streaming:
            return response
        if isinstance(response, SimpleTemplateResponse) and not response.is_rendered:
            response.render()
        etag = '"' + hashlib.blake2b(response.content, digest_size=12).hexdigest() + '"'
        response["ETag"] = etag
        if etag in _if_none_match(request):
            not_modified = HttpResponseNotModified()
            for name in ("ETag", "Cache-Control", "Vary", "X-Request-Id", *_cors_names(response)):
                if response.has_header(name):
                    not_modified[name] = response[name]
            for name, value in rate_limit_headers(request).items():
                not_modified[name] = value
            return not_modified
        return response


def _if_none_match(request: Request) -> set[str]:
    raw = request.headers.get("If-None-Match", "")
    return {tag.strip().removeprefix("W/") for tag in raw.split(",") if tag.strip()}


def _cors_names(response: HttpResponse) -> list[str]:
    return [name for name, _ in response.items() if name.startswith("Access-Control-")]


class ApiView(ApiViewMixin, APIView):
    """Base for hand-written /api/v2 endpoints."""


class ApiGenericView(ApiViewMixin, generics.GenericAPIView):
    """Base for generic (queryset + serializer) /api/v2 endpoints."""


class ApiViewSet(ApiViewMixin, viewsets.GenericViewSet):
    """Base for /api/v2 viewsets; add DRF's mixins for the actions you need."""


class ApiModelViewSet(ApiViewMixin, viewsets.ModelViewSet):
    """Base for full CRUD /api/v2 viewsets."""
