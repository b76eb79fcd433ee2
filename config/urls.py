from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v2/", include("config.api.urls")),
    # /accounts/…, /pricing/, /developers/keys/
    path("", include("accounts.urls")),
    path("", include("reviews.urls")),
    path("", include("catalog.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
