"""Fixtures shared by every test module: users, clients and small data builders."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from tests.factories import make_film, make_person  # noqa: F401  (re-exported for tests)

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def _isolated_test_environment(settings, tmp_path):
    """No collectstatic manifest in tests, media in a temp folder, and an empty cache."""
    from django.core.cache import cache

    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["tests.hashers.FastArgon2PasswordHasher"]
    settings.WHITENOISE_AUTOREFRESH = True
    # Rate-limit counters in the test database roll back with each test; Redis ones would
    # leak between tests (tests/accounts opt into Redis with a prefix of their own).
    settings.RATELIMIT_BACKEND = "database"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def shared_data() -> Path:
    """The real datasets beside the project; tests needing them skip on a fresh clone."""
    path = Path(settings.SHARED_DATA_DIR)
    if not (path / "wikipedia-movies").is_dir() or not (path / "movielens-small").is_dir():
        pytest.skip(f"shared datasets not found at {path} (they live beside the repo in CI)")
    return path


@pytest.fixture
def alice(django_user_model):
    return django_user_model.objects.create_user(
        username="alice", email="alice@example.com", password="correct horse battery"
    )


@pytest.fixture
def bob(django_user_model):
    return django_user_model.objects.create_user(
        username="bob", email="bob@example.com", password="correct horse battery"
    )


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


@pytest.fixture
def key_client(db, django_user_model):
    """`key_client(plan="producer", user=alice)`: a DRF test client sending a fresh API key
    (`X-API-Key`) of a user on that plan; `.user`, `.key` and `.raw_key` are attached."""
    from rest_framework.test import APIClient

    from accounts.billing import get_provider
    from accounts.models import ApiKey, Plan

    made = 0

    def build(plan: str = "producer", user=None) -> APIClient:
        nonlocal made
        if user is None:
            made += 1
            user = django_user_model.objects.create_user(
                username=f"keyholder{made}", email=f"keyholder{made}@example.com", password="x"
            )
        get_provider("manual").change_plan(user=user, plan=Plan.objects.get(slug=plan))
        key, raw = ApiKey.issue(user=user, name=f"{plan} test key")
        client = APIClient()
        client.credentials(HTTP_X_API_KEY=raw)
        client.user, client.key, client.raw_key = user, key, raw
        return client

    return build


@pytest.fixture
def producer(key_client, alice):
    """Alice's API client on the Producer plan (the /me write routes need it)."""
    return key_client(plan="producer", user=alice)
