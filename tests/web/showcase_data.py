"""A small, coherent catalog for page and browser tests: real-looking films, people, credits."""

from __future__ import annotations

from catalog.models import (
    Country,
    Credit,
    Film,
    FilmWatchProvider,
    Genre,
    Person,
    WatchProvider,
)
from catalog.scoring import recompute_scores

FILMS = [
    # title, year, genres, imdb, votes, rt, runtime, language, director, cast
    ("The Godfather", 1972, ["Crime", "Drama"], 9.2, 2_000_000, 97, 175, "en",
     "Francis Ford Coppola", [("Marlon Brando", "Vito Corleone"),
                              ("Al Pacino", "Michael Corleone")]),
    ("The Godfather Part II", 1974, ["Crime", "Drama"], 9.0, 1_300_000, 96, 202, "en",
     "Francis Ford Coppola", [("Al Pacino", "Michael Corleone"),
                              ("Robert De Niro", "Vito Corleone")]),
    ("The Conversation", 1974, ["Drama", "Mystery", "Thriller"], 7.8, 120_000, 97, 113, "en",
     "Francis Ford Coppola", [("Gene Hackman", "Harry Caul")]),
    ("Apocalypse Now", 1979, ["Drama", "War"], 8.4, 700_000, 91, 147, "en",
     "Francis Ford Coppola", [("Martin Sheen", "Captain Willard"),
                              ("Marlon Brando", "Colonel Kurtz")]),
    ("Taxi Driver", 1976, ["Crime", "Drama"], 8.2, 900_000, 89, 114, "en",
     "Martin Scorsese", [("Robert De Niro", "Travis Bickle"), ("Jodie Foster", "Iris")]),
    ("Alien", 1979, ["Horror", "Science Fiction"], 8.5, 950_000, 93, 117, "en",
     "Ridley Scott", [("Sigourney Weaver", "Ripley")]),
    ("Blade Runner", 1982, ["Science Fiction", "Thriller"], 8.1, 800_000, 89, 117, "en",
     "Ridley Scott", [("Harrison Ford", "Rick Deckard")]),
    ("Seven Samurai", 1954, ["Action", "Drama"], 8.6, 370_000, 100, 207, "ja",
     "Akira Kurosawa", [("Toshiro Mifune", "Kikuchiyo"), ("Takashi Shimura", "Kambei")]),
    ("Rashomon", 1950, ["Crime", "Drama", "Mystery"], 8.1, 180_000, 98, 88, "ja",
     "Akira Kurosawa", [("Toshiro Mifune", "Tajomaru")]),
    ("Amélie", 2001, ["Comedy", "Romance"], 8.3, 780_000, 89, 122, "fr",
     "Jean-Pierre Jeunet", [("Audrey Tautou", "Amélie Poulain")]),
    ("La Haine", 1995, ["Crime", "Drama"], 8.1, 190_000, 100, 98, "fr",
     "Mathieu Kassovitz", [("Vincent Cassel", "Vinz")]),
    ("Heat", 1995, ["Action", "Crime", "Drama"], 8.3, 720_000, 88, 170, "en",
     "Michael Mann", [("Al Pacino", "Vincent Hanna"), ("Robert De Niro", "Neil McCauley")]),
    ("Casablanca", 1942, ["Drama", "Romance"], 8.5, 600_000, 99, 102, "en",
     "Michael Curtiz", [("Humphrey Bogart", "Rick Blaine"), ("Ingrid Bergman", "Ilsa Lund")]),
    ("Metropolis", 1927, ["Drama", "Science Fiction"], 8.3, 190_000, 97, 153, "de",
     "Fritz Lang", [("Brigitte Helm", "Maria")]),
    ("Parasite", 2019, ["Comedy", "Drama", "Thriller"], 8.5, 950_000, 99, 132, "ko",
     "Bong Joon Ho", [("Song Kang-ho", "Kim Ki-taek")]),
    ("Spirited Away", 2001, ["Animation", "Family", "Fantasy"], 8.6, 850_000, 96, 125, "ja",
     "Hayao Miyazaki", [("Rumi Hiiragi", "Chihiro (voice)")]),
]  # fmt: skip

IDS = {
    "The Godfather": "tt0068646",
    "Alien": "tt0078748",
    "Seven Samurai": "tt0047478",
    "Parasite": "tt6751668",
}


def _person(cache: dict[str, Person], name: str, department: str) -> Person:
    if name not in cache:
        cache[name] = Person.objects.create(
            name=name,
            known_for_department=department,
            popularity=len(cache) + 1,
            biography=f"{name} is known for work in {department.lower()}.",
        )
    return cache[name]


def build_showcase_catalog() -> dict[str, Film]:
    """~16 films with genres, cast, directors, providers and awards; returns them by title."""
    genres = {}
    people: dict[str, Person] = {}
    films = {}
    us, _ = Country.objects.get_or_create(code="US", defaults={"name": "United States"})
    stream, _ = WatchProvider.objects.get_or_create(name="Reelstream")
    rent, _ = WatchProvider.objects.get_or_create(name="Corner Video")
    for n, (title, year, genre_names, imdb, votes, rt, runtime, lang, director, cast) in enumerate(
        FILMS
    ):
        film = Film.objects.create(
            title=title,
            year=year,
            imdb_id=IDS.get(title),
            imdb_rating=imdb,
            imdb_votes=votes,
            rt_critics=rt,
            runtime=runtime,
            original_language=lang,
            popularity=100 - n,
            overview=f"{title} ({year}) is a film directed by {director}.",
            overview_source="wikipedia" if n % 2 == 0 else "",
            wikipedia_title=title.replace(" ", "_") if n % 2 == 0 else None,
            awards=[{"name": "Academy Awards", "category": "Best Picture", "year": year + 1,
                     "result": "won" if n == 0 else "nominated"}] if n < 3 else [],
        )  # fmt: skip
        for name in genre_names:
            if name not in genres:
                genres[name] = Genre.objects.create(name=name, slug=name.lower().replace(" ", "-"))
            film.genres.add(genres[name])
        film.countries.add(us)
        Credit.objects.create(
            film=film,
            person=_person(people, director, "Directing"),
            kind=Credit.Kind.CREW,
            department="Directing",
            job="Director",
        )
        for order, (actor, character) in enumerate(cast):
            Credit.objects.create(
                film=film,
                person=_person(people, actor, "Acting"),
                kind=Credit.Kind.CAST,
                character=character,
                order=order,
            )
        FilmWatchProvider.objects.create(film=film, provider=stream, region="US", offer="flatrate")
        FilmWatchProvider.objects.create(film=film, provider=rent, region="GB", offer="rent")
        films[title] = film
    recompute_scores()
    for film in films.values():
        film.refresh_from_db()
    return films
