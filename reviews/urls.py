from django.urls import path

from reviews.views import film_actions, letterboxd, lists, profile

app_name = "reviews"

urlpatterns = [
    # /u/<username>/…
    path("u/<str:username>/", profile.profile, name="profile"),
    path("u/<str:username>/diary/", profile.diary, name="diary"),
    path("u/<str:username>/reviews/", profile.reviews, name="reviews"),
    path("u/<str:username>/lists/", profile.user_lists, name="user_lists"),
    path("u/<str:username>/watchlist/", profile.user_watchlist, name="user_watchlist"),
    # /watchlist/
    path("watchlist/", profile.watchlist, name="watchlist"),
    # /films/<id>/… (the film page's actions)
    path("films/<str:public_id>/log/", film_actions.log_film, name="log_film"),
    path(
        "films/<str:public_id>/watchlist/", film_actions.watchlist_toggle, name="watchlist_toggle"
    ),
    path("films/<str:public_id>/like/", film_actions.like_toggle, name="like_toggle"),
    path(
        "films/<str:public_id>/favourite/", film_actions.favourite_toggle, name="favourite_toggle"
    ),
    path("films/<str:public_id>/add-to-list/", film_actions.add_to_list, name="add_to_list"),
    # /reviews/<id>/…
    path("reviews/<int:review_id>/edit/", film_actions.review_edit, name="review_edit"),
    path("reviews/<int:review_id>/delete/", film_actions.review_delete, name="review_delete"),
    # /lists/…
    path("lists/", profile.list_index, name="list_index"),
    path("lists/new/", lists.list_create, name="list_create"),
    path("lists/<str:token>/", lists.list_detail, name="list_detail"),
    path("lists/<str:token>/edit/", lists.list_edit, name="list_edit"),
    path("lists/<str:token>/delete/", lists.list_delete, name="list_delete"),
    path("lists/<str:token>/reorder/", lists.list_reorder, name="list_reorder"),
    path("lists/<str:token>/items/add/", lists.item_add, name="item_add"),
    path("lists/<str:token>/items/<int:item_id>/move/", lists.item_move, name="item_move"),
    path("lists/<str:token>/items/<int:item_id>/remove/", lists.item_remove, name="item_remove"),
    path("lists/<str:token>/items/<int:item_id>/note/", lists.item_note, name="item_note"),
    # /settings/letterboxd/…
    path("settings/letterboxd/", letterboxd.letterboxd_settings, name="letterboxd"),
    path(
        "settings/letterboxd/imports/<int:import_id>/",
        letterboxd.letterboxd_import,
        name="letterboxd_import",
    ),
    path(
        "settings/letterboxd/imports/<int:import_id>/delete/",
        letterboxd.letterboxd_import_delete,
        name="letterboxd_import_delete",
    ),
    path("settings/letterboxd/export.zip", letterboxd.letterboxd_export, name="letterboxd_export"),
    path("settings/letterboxd/export.json", letterboxd.json_export, name="json_export"),
]
