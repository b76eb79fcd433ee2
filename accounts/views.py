"""Account pages: sign up, log in (throttled), password reset, settings, deletion, pricing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from accounts.billing import ProviderUnavailable, get_provider
from accounts.forms import (
    DeleteAccountForm,
    LoginForm,
    ProfileForm,
    SignupForm,
    ThrottledPasswordResetForm,
)
from accounts.models import Plan

_TOO_MANY = 429


def _safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("catalog:home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="accounts.backends.EmailOrUsernameBackend")
        messages.success(request, f"Welcome to Reelbase, {user.username}.")
        return redirect(_safe_next(request, reverse_lazy("accounts:settings")))
    return render(request, "registration/signup.html", {"form": form})


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.locked_for:
            response.status_code = _TOO_MANY
            response["Retry-After"] = str(form.locked_for)
        return response


class PasswordResetView(auth_views.PasswordResetView):
    form_class = ThrottledPasswordResetForm
    success_url = reverse_lazy("accounts:password_reset_done")
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.locked_for:
            response.status_code = _TOO_MANY
        return response


@login_required
def account_settings(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, request.FILES or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Profile saved.")
        return redirect("accounts:settings")
    return render(request, "accounts/settings.html", {"form": form, "plan": request.user.plan})


@login_required
def delete_account(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        if user.avatar:
            user.avatar.delete(save=False)
        user.delete()  # cascades to subscription, keys, reviews, lists
        messages.success(request, "Your account and everything in it have been deleted.")
        return redirect("catalog:home")
    return render(request, "accounts/delete.html", {"form": form})


def pricing(request: HttpRequest) -> HttpResponse:
    current = request.user.plan if request.user.is_authenticated else None
    return render(
        request,
        "accounts/pricing.html",
        {
            "plans": Plan.objects.all(),
            "current_plan": current,
            "demo_billing": get_provider("demo").available(),
        },
    )


@login_required
@require_POST
def change_plan(request: HttpRequest) -> HttpResponse:
    """Self-serve plan change through the demo provider (no payment taken)."""
    plan = get_object_or_404(Plan, slug=request.POST.get("plan", ""))
    try:
        get_provider("demo").change_plan(user=request.user, plan=plan)
    except ProviderUnavailable:
        messages.error(
            request, "Self-serve plan changes are switched off here; ask an administrator."
        )
        return redirect("accounts:pricing")
    messages.success(request, f"You are now on the {plan.name} plan. No payment was taken.")
    return redirect(_safe_next(request, reverse_lazy("accounts:pricing")))
