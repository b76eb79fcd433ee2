"""The one error envelope of the API: {"error": {"code", "message", "status", "details"?}}.

Raise `ApiError` (or a DRF exception) from any view, permission, authentication or
throttle; `exception_handler` turns it into the envelope. Codes are listed in
shared/docs/api-conventions.md; clients match on `code`, never on `message`.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response

# DRF's own exception classes mapped to our stable codes.
_DRF_CODES: dict[type[exceptions.APIException], str] = {
    exceptions.ParseError: "invalid_request",
    exceptions.ValidationError: "invalid_request",
    exceptions.NotAuthenticated: "missing_api_key",
    exceptions.AuthenticationFailed: "invalid_api_key",
    exceptions.PermissionDenied: "forbidden",
    exceptions.NotFound: "not_found",
    exceptions.MethodNotAllowed: "method_not_allowed",
    exceptions.NotAcceptable: "invalid_request",
    exceptions.UnsupportedMediaType: "unsupported_media_type",
    exceptions.Throttled: "rate_limited",
}


class ApiError(exceptions.APIException):
    """An API error with a stable code: `raise ApiError("...", code="invalid_cursor")`."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "invalid_request"
    default_detail = "The request is invalid."

    def __init__(
        self,
        message: str | None = None,
        *,
        code: str | None = None,
        status: int | None = None,
        details: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail=message or self.default_detail, code=code or self.default_code)
        if status is not None:
            self.status_code = status
        self.code = code or self.default_code
        self.details = details
        self.headers = headers or {}


def error_body(code: str, message: str, status_code: int, details: Any = None) -> dict:
    error: dict[str, Any] = {"code": code, "message": message, "status": status_code}
    if details:
        error["details"] = details
    return {"error": error}


def _message_for_validation(detail: Any) -> str:
    if isinstance(detail, dict) and detail:
        field, problems = next(iter(detail.items()))
        problem = problems[0] if isinstance(problems, list) and problems else problems
        return f"{field}: {problem}" if field != "non_field_errors" else str(problem)
    if isinstance(detail, list) and detail:
        return str(detail[0])
    return str(detail)


def exception_handler(exc: Exception, context: dict) -> Response | None:
    """DRF EXCEPTION_HANDLER: every APIException (and Http404) becomes the envelope."""
    if isinstance(exc, Http404):
        exc = ApiError("Not found.", code="not_found", status=404)
    if not isinstance(exc, exceptions.APIException):
        return None  # unhandled: the Django-level handler answers 500 internal_error

    headers = dict(getattr(exc, "headers", {}) or {})
    if isinstance(exc, ApiError):
        code, message, details = exc.code, str(exc.detail), exc.details
    elif isinstance(exc, exceptions.ValidationError):
        code, message, details = "invalid_request", _message_for_validation(exc.detail), exc.detail
        if not isinstance(details, dict):
            details = {"non_field_errors": details}
    else:
        code = _DRF_CODES.get(type(exc), "invalid_request")
        message, details = str(exc.detail), None
    if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
        headers.setdefault("Retry-After", str(int(exc.wait) + 1))
    if getattr(exc, "auth_header", None):
        headers.setdefault("WWW-Authenticate", exc.auth_header)
    return Response(
        error_body(code, message, exc.status_code, details), status=exc.status_code, headers=headers
    )
