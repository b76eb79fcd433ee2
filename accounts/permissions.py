"""Who may call which /api/v2 route. Use these on views (or rely on the default, `ApiAccess`).

| class        | anonymous            | key / session needs                               |
|--------------|----------------------|---------------------------------------------------|
| `PublicRead` | GET/HEAD/OPTIONS ok  | unsafe methods: a plan with API access            |
| `ApiAccess`  | 401 missing_api_key  | a plan with `api_access` (Writer and up)          |
| `MeAccess`   | 401 missing_api_key  | reads: `api_access`; writes: `me_write` (Producer)|
| `AiAccess`   | 401 missing_api_key  | `ai` (Studio)                                     |

A caller whose plan lacks the feature gets 403 `plan_required` naming the cheapest plan that
has it (`details.required_plan` holds its slug). Anonymous callers are counted per client IP
by the throttle, so `PublicRead` is what makes a route "public" for rate limiting too.
"""

from __future__ import annotations

from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from accounts.authentication import unauthorized
from accounts.models import Plan
from config.api.errors import ApiError

MISSING_KEY_MESSAGE = (
    "This route needs an API key: send `X-API-Key: KEY` or `Authorization: Bearer KEY`."
)


def is_signed_in(request: Request) -> bool:
    user = request.user
    return user is not None and user.is_authenticated


def caller_plan(request: Request) -> Plan | None:
    """The plan of the key's owner (or the session user); None for anonymous callers."""
    return request.user.plan if is_signed_in(request) else None


def require_plan_feature(request: Request, feature: str) -> Plan:
    """Raise 401 missing_api_key / 403 plan_required unless the caller's plan has
    `feature` ("api_access", "me_write" or "ai"); returns the caller's plan."""
    plan = caller_plan(request)
    if plan is None:
        raise unauthorized(MISSING_KEY_MESSAGE, "missing_api_key")
    if getattr(plan, feature):
        return plan
    needed = Plan.objects.cheapest_with(feature)
    needed_name = needed.name if needed else "a higher"
    raise ApiError(
        f"This route needs the {needed_name} plan or higher; your plan is {plan.name}. "
        "See /pricing/.",
        code="plan_required",
        status=403,
        details={"required_plan": needed.slug if needed else None, "current_plan": plan.slug},
    )


def _has_handler(view, request: Request) -> bool:
    method = request.method.lower()
    return method in view.http_method_names and hasattr(view, method)


class PlanFeature(BasePermission):
    """Require one plan feature for every method; subclasses name it."""

    feature = "api_access"

    def has_permission(self, request: Request, view) -> bool:
        if not _has_handler(view, request):
            return True  # let DRF answer 405 method_not_allowed, whoever is asking
        require_plan_feature(request, self.feature_for(request))
        return True

    def feature_for(self, request: Request) -> str:
        return self.feature


class ApiAccess(PlanFeature):
    """Any API key (Writer and up), or a session whose plan has API access. The default."""


class PublicRead(ApiAccess):
    """Catalog data: anyone may read (anonymous callers are limited per IP); writes
    still need a plan with API access."""

    def has_permission(self, request: Request, view) -> bool:
        if request.method in SAFE_METHODS:
            return True
        return super().has_permission(request, view)


class MeAccess(PlanFeature):
    """The caller's own data under /me: reads need API access, writes need Producer."""

    def feature_for(self, request: Request) -> str:
        return "api_access" if request.method in SAFE_METHODS else "me_write"


class AiAccess(PlanFeature):
    """AI endpoints (`/recommend`): Studio."""

    feature = "ai"
