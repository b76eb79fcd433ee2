from django.urls import path

from accounts import api_views

urlpatterns = [
    # /api/v2/me
    path("me", api_views.MeView.as_view(), name="api-me"),
]
