"""Account forms: sign up, throttled log in and password reset, profile, deletion, keys."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, UserCreationForm
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest

from accounts import lockout
from accounts.models import User
from accounts.network import client_ip

# Image types we accept for avatars, recognised by their first bytes (never the file name).
_IMAGE_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
)


def sniff_image_type(head: bytes) -> str | None:
    for signature, extension in _IMAGE_SIGNATURES:
        if head.startswith(signature):
            return extension
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    return None


def _cool_off_message(seconds: int) -> str:
    minutes = max(1, round(seconds / 60))
    return f"Too many attempts. Try again in about {minutes} minute{'s' if minutes != 1 else ''}."


class SignupForm(UserCreationForm):
    email = forms.EmailField(help_text="For password resets. Never shown to others.")

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ["username", "email"]

    def clean_username(self) -> str:
        username = self.cleaned_data["username"].strip()
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError("That username is taken.")
        return username

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("An account with that email already exists.")
        return email


class LoginForm(AuthenticationForm):
    """Username or email; a cool-off after LOGIN_FAILURE_LIMIT failures per login + IP."""

    username = forms.CharField(label="Username or email", max_length=254)
    locked_for = 0

    def clean(self):
        login = self.cleaned_data.get("username") or ""
        ip = client_ip(self.request)
        self.locked_for = lockout.seconds_locked("login", login, ip)
        if self.locked_for:
            raise forms.ValidationError(_cool_off_message(self.locked_for), code="locked")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            lockout.record_failure("login", login, ip)
            raise
        lockout.clear("login", login, ip)
        return cleaned


class ThrottledPasswordResetForm(PasswordResetForm):
    """At most LOGIN_FAILURE_LIMIT reset emails per address + IP per cool-off period.

    Whether the address has an account is never revealed: the same answer either way.
    """

    def __init__(self, *args, request: HttpRequest, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.request = request
        self.locked_for = 0

    def clean_email(self) -> str:
        email = self.cleaned_data["email"]
        ip = client_ip(self.request)
        self.locked_for = lockout.seconds_locked("reset", email, ip)
        if self.locked_for:
            raise forms.ValidationError(_cool_off_message(self.locked_for), code="locked")
        lockout.record_failure("reset", email, ip)
        return email


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "bio", "avatar", "profile_public", "watchlist_public"]
        labels = {
            "profile_public": "Public profile",
            "watchlist_public": "Public watchlist",
        }
        help_texts = {"avatar": "PNG, JPEG, GIF or WebP, at most 2 MB."}
        widgets = {"bio": forms.Textarea(attrs={"rows": 4})}

    def clean_avatar(self):
        avatar = self.cleaned_data.get("avatar")
        if not isinstance(avatar, UploadedFile):
            return avatar  # unchanged, or cleared
        limit = settings.AVATAR_MAX_BYTES
        if avatar.size > limit:
            raise forms.ValidationError(
                f"The image is {avatar.size // 1024} KB; the limit is {limit // 1024} KB."
            )
        head = avatar.read(16)
        avatar.seek(0)
        kind = sniff_image_type(head)
        if kind is None:
            raise forms.ValidationError("Upload a PNG, JPEG, GIF or WebP image.")
        avatar.name = f"avatar.{kind}"  # the stored extension follows the content
        return avatar


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="Your password, to confirm it is you.",
    )
    confirm = forms.BooleanField(
        label="I understand my reviews, lists, watchlist and API keys are deleted for good."
    )

    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your password.")
        return password


class ApiKeyForm(forms.Form):
    name = forms.CharField(
        max_length=60,
        help_text="What the key is for, e.g. “letterboxd sync” or “staging”.",
    )

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError("Give the key a name.")
        return name
