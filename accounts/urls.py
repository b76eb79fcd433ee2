from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from accounts import key_views, views

app_name = "accounts"

urlpatterns = [
    # /accounts/…
    path("accounts/signup/", views.signup, name="signup"),
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/change/",
        auth_views.PasswordChangeView.as_view(
            success_url=reverse_lazy("accounts:password_change_done")
        ),
        name="password_change",
    ),
    path(
        "accounts/password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("accounts/password/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "accounts/password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            success_url=reverse_lazy("accounts:password_reset_complete")
        ),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("accounts/settings/", views.account_settings, name="settings"),
    path("accounts/delete/", views.delete_account, name="delete"),
    # /pricing/
    path("pricing/", views.pricing, name="pricing"),
    path("pricing/change/", views.change_plan, name="change_plan"),
    # /developers/keys/
    path("developers/keys/", key_views.api_keys, name="api_keys"),
    path("developers/keys/new/", key_views.create_api_key, name="create_api_key"),
    path("developers/keys/<int:key_id>/revoke/", key_views.revoke_api_key, name="revoke_api_key"),
]
