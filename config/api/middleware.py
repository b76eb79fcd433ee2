"""Django-level pieces of the API: a request id on every response, and the error envelope
for everything under /api/ that DRF never sees (URL 404s, Django 405s, oversized bodies,
exceptions raised outside a view, crashes).
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse

from config.api.errors import error_body

logger = logging.getLogger("reelbase.api")

API_PREFIX = "/api/"
# A client may pass its own id (e.g. from a proxy) if it is short and harmless to log.
_CLIENT_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")

# The stable code for an error status that reached us without an envelope.
_STATUS_CODES = {
    400: ("invalid_request", "The request is invalid."),
    401: ("missing_api_key", "Authentication is required."),
    403: ("forbidden", "You do not have access to this resource."),
    404: ("not_found", "Not found."),
    405: ("method_not_allowed", "Method not allowed."),
    409: ("conflict", "Conflict."),
    413: ("payload_too_large", "The request body is too large."),
    415: ("unsupported_media_type", "Unsupported media type."),
    429: ("rate_limited", "Too many requests."),
    503: ("unavailable", "The service is temporarily unavailable."),
}


def is_api_request(request: HttpRequest) -> bool:
    return request.path_info.startswith(API_PREFIX)


def envelope_response(
    request: HttpRequest, status: int, code: str, message: str, details: dict | None = None
) -> JsonResponse:
    return JsonResponse(error_body(code, message, status, details), status=status)


def internal_error(request: HttpRequest) -> JsonResponse:
    request_id = getattr(request, "request_id", "")
    return envelope_response(
        request,
        500,
        "internal_error",
        f"Internal error. Quote request id {request_id} when reporting it.",
        {"request_id": request_id},
    )


class RequestIdMiddleware:
    """`request.request_id` for logs and errors; echoed as `X-Request-Id` on every response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-Id", "")
        request.request_id = incoming if _CLIENT_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        response = self.get_response(request)
        response["X-Request-Id"] = request.request_id
        return response


class ApiErrorMiddleware:
    """Keeps every error under /api/ in the one JSON envelope.

    Sits right after RequestIdMiddleware so it also wraps what later middleware answers.
    Bodies larger than API_MAX_BODY_BYTES are refused from Content-Length before any parser
    reads them (DRF parsers read the stream directly, past Django's body-size check).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_api_request(request):
            return self.get_response(request)
        too_large = self._refuse_large_body(request)
        if too_large is not None:
            return too_large
        response = self.get_response(request)
        return self._envelope(request, response)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_api_request(request):
            return None
        logger.exception(
            "unhandled API error request_id=%s path=%s",
            getattr(request, "request_id", ""),
            request.path_info,
        )
        return internal_error(request)

    def _refuse_large_body(self, request: HttpRequest) -> HttpResponse | None:
        limit = settings.API_MAX_BODY_BYTES
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return envelope_response(
                request, 400, "invalid_request", "Content-Length must be an integer."
            )
        if length > limit:
            return envelope_response(
                request,
                413,
                "payload_too_large",
                f"The request body is {length} bytes; the limit is {limit} bytes.",
                {"limit_bytes": limit},
            )
        return None

    def _envelope(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if response.status_code < 400 or response.streaming:
            return response
        if response.get("Content-Type", "").startswith("application/json"):
            return response  # already an envelope (DRF exception handler or our own views)
        if response.status_code >= 500 and response.status_code != 503:
            return internal_error(request)
        code, message = _STATUS_CODES.get(response.status_code, ("invalid_request", "Error."))
        wrapped = envelope_response(request, response.status_code, code, message)
        for header in ("Allow", "Retry-After", "WWW-Authenticate"):
            if header in response:
                wrapped[header] = response[header]
        return wrapped
