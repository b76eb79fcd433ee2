"""A small URLconf for permission and rate-limit tests that should not depend on other apps'
routes: one public read route, one route per plan feature, and the accounts API."""

from django.urls import include, path
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.permissions import AiAccess, MeAccess, PublicRead
from config.api.views import ApiView


class _Echo(ApiView):
    def get(self, request: Request) -> Response:
        return Response({"data": {"user": getattr(request.user, "username", None)}})

    def post(self, request: Request) -> Response:
        return Response({"data": {"user": request.user.username}}, status=201)


class PublicEcho(_Echo):
    permission_classes = [PublicRead]
    public = True


class MeEcho(_Echo):
    permission_classes = [MeAccess]


class AiEcho(_Echo):
    permission_classes = [AiAccess]


urlpatterns = [
    path("api/v2/public-echo", PublicEcho.as_view()),
    path("api/v2/me/echo", MeEcho.as_view()),
    path("api/v2/ai-echo", AiEcho.as_view()),
    path("api/v2/", include("accounts.api_urls")),
]
