from django.urls import path

from catalog import views

app_name = "catalog"

urlpatterns = [
    # /
    path("", views.home, name="home"),
    # /films/<id>/
    path("films/<str:public_id>/", views.film_detail, name="film_detail"),
    # /people/<id>/
    path("people/<str:public_id>/", views.person_detail, name="person_detail"),
]
