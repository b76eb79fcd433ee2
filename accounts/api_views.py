"""`GET /api/v2/me`: the caller's profile, plan and quotas."""

from __future__ import annotations

from datetime import UTC, datetime

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import ApiKey
from accounts.serializers import MeEnvelopeSerializer, MeSerializer
from catalog.api.schema import COMMON_ERRORS
from config.api.views import ApiView


def _quota(window, count: int) -> dict:
    return {
        "limit": window.limit,
        "remaining": max(0, window.limit - count),
        "resets_at": datetime.fromtimestamp(window.resets_at, UTC),
    }


def quotas_for(request: Request) -> dict | None:
    """Limits and what remains after this request, from the throttle's own count."""
    usage = getattr(request._request, "rate_limit_usage", None)
    if usage is None:
        return None
    subject, counts = usage
    if len(subject.windows) < 2:
        return None  # a Free session counted per IP: no plan quota to report
    minute, day = subject.windows
    return {"per_minute": _quota(minute, counts[0]), "per_day": _quota(day, counts[1])}


class MeView(ApiView):
    """The key owner's profile, plan and quotas (limits and what remains)."""

    @extend_schema(
        responses={200: MeEnvelopeSerializer, **{s: COMMON_ERRORS[s] for s in (401, 403, 429)}},
        operation_id="me_retrieve",
        tags=["me"],
    )
    def get(self, request: Request) -> Response:
        user = request.user
        key = request.auth if isinstance(request.auth, ApiKey) else None
        me = {
            "id": user.pk,
            "username": user.username,
            "display_name": user.display_name,
            "bio": user.bio,
            "avatar_url": request.build_absolute_uri(user.avatar.url) if user.avatar else None,
            "date_joined": user.date_joined,
            "profile_public": user.profile_public,
            "watchlist_public": user.watchlist_public,
            "plan": user.plan,
            "quotas": quotas_for(request),
            "key": key and {"name": key.name, "prefix": key.prefix, "created_at": key.created_at},
        }
        return Response({"data": MeSerializer(me).data})
