"""Catalog routes of /api/v2 (mounted by config/api/urls.py)."""

from django.urls import path

from catalog.api import snapshot_views, views

urlpatterns = [
    # /api/v2/films
    path("films", views.FilmListView.as_view(), name="api-films"),
    # /api/v2/films/stream (before films/<id> so "stream" is never taken for an id)
    path("films/stream", views.FilmStreamView.as_view(), name="api-films-stream"),
    # /api/v2/films/<id>
    path("films/<str:public_id>", views.FilmDetailView.as_view(), name="api-film"),
    # /api/v2/people
    path("people", views.PersonListView.as_view(), name="api-people"),
    path("people/<str:public_id>", views.PersonDetailView.as_view(), name="api-person"),
    # /api/v2/genres, /api/v2/configuration
    path("genres", views.GenreListView.as_view(), name="api-genres"),
    path("configuration", views.ConfigurationView.as_view(), name="api-configuration"),
    # /api/v2/catalog/snapshot (+ /download?token=…, the signed URL it hands out)
    path("catalog/snapshot", snapshot_views.SnapshotView.as_view(), name="api-snapshot"),
    path(
        "catalog/snapshot/download",
        snapshot_views.SnapshotDownloadView.as_view(),
        name="api-snapshot-download",
    ),
]
