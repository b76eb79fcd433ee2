"""Reviews routes of /api/v2 (mounted by config/api/urls.py)."""

from django.urls import path

from reviews.api import resolve, views

urlpatterns = [
    # /api/v2/resolve
    path("resolve", resolve.ResolveView.as_view(), name="api-resolve"),
    # /api/v2/me/reviews
    path("me/reviews", views.ReviewListView.as_view(), name="api-me-reviews"),
    path("me/reviews/batch", views.ReviewBatchView.as_view(), name="api-me-reviews-batch"),
    path("me/reviews/<int:review_id>", views.ReviewDetailView.as_view(), name="api-me-review"),
    # /api/v2/me/watchlist
    path("me/watchlist", views.WatchlistView.as_view(), name="api-me-watchlist"),
    path(
        "me/watchlist/<str:public_id>",
        views.WatchlistEntryView.as_view(),
        name="api-me-watchlist-entry",
    ),
    # /api/v2/me/lists
    path("me/lists", views.ListListView.as_view(), name="api-me-lists"),
    path("me/lists/<int:list_id>", views.ListDetailView.as_view(), name="api-me-list"),
    path("me/lists/<int:list_id>/items", views.ListItemsView.as_view(), name="api-me-list-items"),
    path(
        "me/lists/<int:list_id>/items/<int:item_id>",
        views.ListItemDetailView.as_view(),
        name="api-me-list-item",
    ),
]
