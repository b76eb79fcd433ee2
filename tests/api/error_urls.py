"""The site's URLs plus two API views that only tests need: a JSON echo and a crash."""

from django.urls import path
from rest_framework.permissions import AllowAny
from rest_framework.request import Request

from config.api.views import ApiView, json_response
from config.urls import urlpatterns as site_urlpatterns


class EchoView(ApiView):
    # Open to anyone, so these tests see the parser and the envelope, not the access rules.
    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes: list = []

    def post(self, request: Request):
        return json_response({"data": request.data})


class CrashView(ApiView):
    public = True

    def get(self, request: Request):
        raise RuntimeError("secret database password in a traceback")


urlpatterns = [
    path("api/v2/test/echo", EchoView.as_view()),
    path("api/v2/test/crash", CrashView.as_view()),
    *site_urlpatterns,
]
