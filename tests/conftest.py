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
    settings.WHITENOISE_AUTOREFRESH = True
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
