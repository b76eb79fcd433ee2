import pytest

pytestmark = pytest.mark.django_db


def test_it_finds_films_and_people(client, showcase):
    response = client.get("/search/", {"q": "kurosawa"})
    assert [p.name for p in response.context["people"]] == ["Akira Kurosawa"]
    assert {f.title for f in response.context["films"]} >= {"Seven Samurai", "Rashomon"}


def test_it_tolerates_a_typo_in_a_title(client, showcase):
    films = client.get("/search/", {"q": "godfater"}).context["films"]
    assert films and films[0].title.startswith("The Godfather")


def test_a_one_letter_query_asks_for_more(client, showcase):
    response = client.get("/search/", {"q": "g"})
    assert response.context["films"] == [] and "at least two letters" in response.content.decode()


def test_autocomplete_suggests_titles_as_typed_then_people(client, showcase):
    response = client.get("/search/autocomplete/", {"q": "the god"})
    results = response.json()["results"]
    assert [r["label"] for r in results[:2]] == ["The Godfather", "The Godfather Part II"]
    assert results[0] == {
        "kind": "film",
        "label": "The Godfather",
        "detail": "1972",
        "url": "/films/tt0068646/",
    }
    people = client.get("/search/autocomplete/", {"q": "toshi"}).json()["results"]
    mifune = {"kind": "person", "label": "Toshiro Mifune", "detail": "Acting"}
    assert people == [mifune | {"url": "/people/toshiro-mifune/"}]


def test_autocomplete_is_bounded_and_empty_for_short_queries(client, showcase):
    assert client.get("/search/autocomplete/", {"q": "a"}).json()["results"] == []
    assert len(client.get("/search/autocomplete/", {"q": "the"}).json()["results"]) <= 9


def test_autocomplete_answers_get_only(client, db):
    assert client.post("/search/autocomplete/", {"q": "x"}).status_code == 405


def test_search_and_autocomplete_have_a_fixed_number_of_queries(
    client, showcase, django_assert_max_num_queries
):
    # full text: bounded candidates + their ranking (2), after the typo path (PostgreSQL:
    # match check as an estimate then a probe, spelling suggestion, re-check the same way:
    # 5; SQLite: match check, title look-alikes: 4); title look-alikes for the places left
    # (PostgreSQL 2, SQLite 3); people (2 or 3)
    with django_assert_max_num_queries(12):
        client.get("/search/", {"q": "godfater"})
    # titles (at most 3), people (at most 3)
    with django_assert_max_num_queries(6):
        client.get("/search/autocomplete/", {"q": "godf"})


def test_it_tolerates_a_typo_in_a_surname(client, showcase):
    people = client.get("/search/", {"q": "kurosava"}).context["people"]
    assert [person.name for person in people] == ["Akira Kurosawa"]


def test_autocomplete_finds_prefixes_ending_in_any_letter(client, db):
    from tests.factories import make_film

    make_film(title="Jazz Singer", year=1927)
    make_film(title="Jazzman", year=1983)
    for typed in ("jaz", "jazz", "jazz s"):
        labels = [
            r["label"] for r in client.get("/search/autocomplete/", {"q": typed}).json()["results"]
        ]
        assert "Jazz Singer" in labels, typed
