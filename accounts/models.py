from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.functions import Lower


class ReelbaseUserManager(UserManager):
    def get_by_login(self, login: str) -> User:
        """The user whose username or email matches `login`, case-insensitively."""
        login = login.strip()
        field = "email__iexact" if "@" in login else "username__iexact"
        return self.get(**{field: login})


class User(AbstractUser):
    """A Reelbase member. Logs in with either username or email."""

    email = models.EmailField("email address", unique=True)
    display_name = models.CharField(max_length=80, blank=True)
    bio = models.TextField(max_length=2000, blank=True)

    objects = ReelbaseUserManager()

    REQUIRED_FIELDS = ["email"]

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("username"), name="accounts_user_username_ci_unique"),
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.username

    @property
    def public_name(self) -> str:
        return self.display_name or self.username

    def save(self, *args, **kwargs) -> None:
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)
