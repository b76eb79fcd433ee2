import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_it_shows_three_steps_a_playground_and_the_reference_links(client, showcase):
    body = client.get("/developers/").content.decode()
    assert "Get a key" in body and "Make a request" in body and "Receive the object" in body
    assert "curl -H &#x27;X-API-Key: rb_your_key&#x27;" in body
    assert "http://testserver/api/v2/films/tt0068646" in body
    assert 'href="/api/v2/docs"' in body and 'href="/api/v2/openapi.json"' in body
    assert "data-playground" in body
    for language in ("curl", "Python", "JavaScript", "Go"):
        assert f">{language}</button>" in body


def test_a_member_with_a_key_sees_its_prefix_in_the_examples(client, alice, key_client):
    key = key_client(plan="producer", user=alice).key
    client.force_login(alice)
    body = client.get("/developers/").content.decode()
    assert f"X-API-Key: {key.prefix}…" in body and "rb_your_key" not in body


def test_a_revoked_key_is_not_offered(client, alice, key_client):
    key = key_client(plan="producer", user=alice).key
    key.revoked_at = timezone.now()
    key.save()
    client.force_login(alice)
    body = client.get("/developers/").content.decode()
    assert key.prefix not in body and "rb_your_key" in body


def test_the_developers_page_has_a_fixed_number_of_queries(
    client, alice, key_client, django_assert_max_num_queries
):
    key_client(plan="producer", user=alice)
    client.force_login(alice)
    client.get("/developers/")  # warms the cached example film
    # session, user, the newest active key's prefix
    with django_assert_max_num_queries(3):
        assert client.get("/developers/").status_code == 200
