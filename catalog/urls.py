from django.urls import path

from catalog import poster_views, views

app_name = "catalog"

urlpatterns = [
    # /
    path("", views.home, name="home"),
    # /films/
    path("films/", views.film_list, name="film_list"),
    # /films/<id>/
    path("films/<str:public_id>/", views.film_detail, name="film_detail"),
    # /people/<id>/
    path("people/<str:public_id>/", views.person_detail, name="person_detail"),
    # /posters/<id>.svg
    path("posters/<str:public_id>.svg", poster_views.poster_svg, name="poster_svg"),
    # /search/?q=
    path("search/", views.search_page, name="search"),
    # /search/autocomplete/?q=
    path("search/autocomplete/", views.autocomplete, name="autocomplete"),
    # /developers/
    path("developers/", views.developers, name="developers"),
]
