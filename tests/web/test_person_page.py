import pytest

from tests.factories import make_credit, make_film, make_person

pytestmark = pytest.mark.django_db


def test_it_groups_the_filmography_by_department_newest_first(client, db):
    person = make_person(name="Orson Welles", known_for_department="Directing")
    kane = make_film(title="Citizen Kane", year=1941)
    touch = make_film(title="Touch of Evil", year=1958)
    make_credit(kane, person, kind="crew")
    make_credit(touch, person, kind="crew")
    make_credit(kane, person, character="Charles Foster Kane")
    response = client.get(person.get_absolute_url())
    departments = dict(response.context["departments"])
    assert list(departments) == ["Acting", "Directing"]
    assert [c.film.title for c in departments["Directing"]] == ["Touch of Evil", "Citizen Kane"]
    body = response.content.decode()
    assert "as Charles Foster Kane" in body
    assert "OW" in body  # the portrait fallback's initials


def test_an_unknown_person_is_a_404(client, db):
    assert client.get("/people/nm0000000/").status_code == 404


def test_the_person_page_has_a_fixed_number_of_queries(
    client, showcase, django_assert_max_num_queries
):
    # person (1), credits with films (1)
    with django_assert_max_num_queries(2):
        response = client.get("/people/al-pacino/")
    assert len(response.context["departments"][0][1]) == 3
