import pytest

from tests.web.showcase_data import build_showcase_catalog


@pytest.fixture
def showcase(db):
    """Sixteen well-known films with genres, cast, directors, providers and awards."""
    return build_showcase_catalog()
