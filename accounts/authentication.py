"""The one DRF authentication class of /api/v2: API keys in any accepted form, else the
browser session (with CSRF on unsafe methods)."""

from __future__ import annotations

from rest_framework.authentication import BaseAuthentication, CSRFCheck
from rest_framework.request import Request

from accounts.models import ApiKey, User
from config.api.errors import ApiError

# Sent with every 401 so DRF answers 401 (not 403) and clients learn the scheme.
WWW_AUTHENTICATE = 'Bearer realm="reelbase"'
_QUERY_PARAMS = ("key", "api_key")


def credential_from(request: Request) -> str | None:
    """The raw key from `X-API-Key`, `Authorization: Bearer …`, `Authorization: Token
    token=…`, `?key=` or `?api_key=` (first found, in that order); None when absent."""
    header = request.META.get("HTTP_X_API_KEY", "").strip()
    if header:
        return header
    scheme, _, value = request.META.get("HTTP_AUTHORIZATION", "").strip().partition(" ")
    value = value.strip()
    if scheme.lower() == "bearer" and value:
        return value
    if scheme.lower() == "token" and value:
        # Filmmakers style: `Token token=KEY` (quotes allowed); a bare `Token KEY` too.
        token = value.removeprefix("token=").strip().strip('"')
        return token or None
    for name in _QUERY_PARAMS:
        value = request.query_params.get(name, "").strip()
        if value:
            return value
    return None


def unauthorized(message: str, code: str) -> ApiError:
    return ApiError(message, code=code, status=401, headers={"WWW-Authenticate": WWW_AUTHENTICATE})


class ApiKeyAuthentication(BaseAuthentication):
    """`request.user` is the key's owner and `request.auth` the ApiKey row; for a browser
    session `request.auth` is None. Costs one query per keyed request (key, owner, plan)."""

    def authenticate(self, request: Request) -> tuple[User, ApiKey | None] | None:
        raw = credential_from(request)
        if raw is None:
            return self._session(request)
        key = ApiKey.objects.for_key(raw)
        if key is None or not key.user.is_active:
            raise unauthorized("The API key is not valid.", "invalid_api_key")
        if not key.is_active:
            raise unauthorized(
                "This API key was revoked. Mint a new one on /developers/keys/.",
                "api_key_revoked",
            )
        key.touch()
        # The Django request outlives DRF's: the rate-limit header middleware reads it.
        request._request.api_key = key
        return key.user, key

    def authenticate_header(self, request: Request) -> str:
        return WWW_AUTHENTICATE

    def _session(self, request: Request) -> tuple[User, None] | None:
        user = getattr(request._request, "user", None)
        if user is None or not user.is_authenticated or not user.is_active:
            return None
        self._enforce_csrf(request)
        return user, None

    def _enforce_csrf(self, request: Request) -> None:
        # Cookies travel with every request a browser makes, so unsafe methods need the token.
        def no_view(request):  # CsrfViewMiddleware wants a view to wrap
            return None

        check = CSRFCheck(no_view)
        check.process_request(request)
        reason = check.process_view(request, None, (), {})
        if reason:
            raise ApiError(f"CSRF check failed: {reason}.", code="forbidden", status=403)
