"""A handful of real films in the demo catalog, so the API's documented examples answer.

The Hollywood Metrics examples fetch The Godfather by IMDb id (`tt0068646`) and filter
`genre=Sci-Fi&decade=1980s&min_rating=8.0`; a purely synthetic catalog would answer both
with nothing. Titles, years, ids, runtimes, genres and credits are public facts; ratings
and vote counts are rounded values of the public figures, good enough for a demo. When
the real datasets are imported later, these films merge with their rows by IMDb id.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse

from catalog.importers.slugs import assign_unique_slugs
from catalog.models import Credit, Film, Genre, Person


@dataclass(frozen=True)
class Classic:
    title: str
    year: int
    imdb_id: str
    tmdb_id: int
    runtime: int
    genres: tuple[str, ...]
    overview: str
    ratings: dict[str, float | int]
    directors: tuple[str, ...]
    writers: tuple[str, ...]
    cast: tuple[tuple[str, str], ...]  # (name, character) in billing order
    extra: dict = field(default_factory=dict)


CLASSICS: tuple[Classic, ...] = (
    Classic(
        "The Godfather", 1972, "tt0068646", 238, 175, ("Crime", "Drama"),
        "The aging patriarch of an organized crime dynasty transfers control of his "
        "clandestine empire to his reluctant youngest son.",
        {"imdb_rating": 9.2, "imdb_votes": 2_100_000, "rt_critics": 97,
         "tmdb_rating": 8.7, "tmdb_votes": 21_000},
        ("Francis Ford Coppola",), ("Mario Puzo", "Francis Ford Coppola"),
        (("Marlon Brando", "Vito Corleone"), ("Al Pacino", "Michael Corleone"),
         ("James Caan", "Sonny Corleone"), ("Robert Duvall", "Tom Hagen"),
         ("Diane Keaton", "Kay Adams")),
        {"tagline": "An offer you can't refuse.", "budget": 6_000_000, "revenue": 245_000_000},
    ),
    Classic(
        "Blade Runner", 1982, "tt0083658", 78, 117, ("Science Fiction", "Thriller"),
        "A blade runner must pursue and terminate four replicants who have returned to "
        "Earth seeking their creator.",
        {"imdb_rating": 8.1, "imdb_votes": 830_000, "rt_critics": 89,
         "tmdb_rating": 7.9, "tmdb_votes": 14_000},
        ("Ridley Scott",), ("Hampton Fancher", "David Peoples"),
        (("Harrison Ford", "Rick Deckard"), ("Rutger Hauer", "Roy Batty"),
         ("Sean Young", "Rachael"), ("Daryl Hannah", "Pris")),
    ),
    Classic(
        "Aliens", 1986, "tt0090605", 679, 137, ("Science Fiction", "Action"),
        "Ellen Ripley returns to the moon where her crew met a hostile creature, this time "
        "with a unit of space marines.",
        {"imdb_rating": 8.4, "imdb_votes": 780_000, "rt_critics": 97,
         "tmdb_rating": 7.9, "tmdb_votes": 10_000},
        ("James Cameron",), ("James Cameron",),
        (("Sigourney Weaver", "Ellen Ripley"), ("Michael Biehn", "Corporal Hicks"),
         ("Carrie Henn", "Newt"), ("Lance Henriksen", "Bishop")),
    ),
    Classic(
        "The Empire Strikes Back", 1980, "tt0080684", 1891, 124,
        ("Science Fiction", "Adventure"),
        "After the Rebels are overpowered by the Empire, Luke Skywalker begins Jedi training "
        "while his friends are pursued across the galaxy.",
        {"imdb_rating": 8.7, "imdb_votes": 1_400_000, "rt_critics": 95,
         "tmdb_rating": 8.4, "tmdb_votes": 17_000},
        ("Irvin Kershner",), ("Leigh Brackett", "Lawrence Kasdan"),
        (("Mark Hamill", "Luke Skywalker"), ("Harrison Ford", "Han Solo"),
         ("Carrie Fisher", "Princess Leia")),
    ),
    Classic(
        "Back to the Future", 1985, "tt0088763", 105, 116,
        ("Science Fiction", "Adventure", "Comedy"),
        "A teenager is accidentally sent thirty years into the past in a time-travelling "
        "DeLorean invented by his friend, an eccentric scientist.",
        {"imdb_rating": 8.5, "imdb_votes": 1_300_000, "rt_critics": 93,
         "tmdb_rating": 8.3, "tmdb_votes": 19_000},
        ("Robert Zemeckis",), ("Robert Zemeckis", "Bob Gale"),
        (("Michael J. Fox", "Marty McFly"), ("Christopher Lloyd", "Dr. Emmett Brown"),
         ("Lea Thompson", "Lorraine Baines")),
    ),
)  # fmt: skip


def _person(name: str, cache: dict[str, Person]) -> Person:
    if name not in cache:
        person = Person(name=name)
        assign_unique_slugs(Person, [person])  # a synthetic namesake may hold the plain slug
        person.save()
        cache[name] = person
    return cache[name]


def seed_classics() -> int:
    """Create the classics that are not in the catalog yet. Returns how many were created."""
    people: dict[str, Person] = {}
    created = 0
    for classic in CLASSICS:
        if Film.objects.filter(imdb_id=classic.imdb_id).exists():
            continue
        film = Film.objects.create(
            title=classic.title, year=classic.year, imdb_id=classic.imdb_id,
            tmdb_id=classic.tmdb_id, runtime=classic.runtime, overview=classic.overview,
            original_language="en", popularity=90.0, **classic.ratings, **classic.extra,
        )  # fmt: skip
        Film.objects.filter(pk=film.pk).update(
            poster_url=reverse("catalog:poster_svg", args=[film.public_id]), has_poster=True
        )
        film.genres.set(Genre.objects.filter(name__in=classic.genres))
        credits = [
            Credit(film=film, person=_person(name, people), kind=Credit.Kind.CAST,
                   character=character, order=order)
            for order, (name, character) in enumerate(classic.cast)
        ]  # fmt: skip
        crew = [("Directing", "Director", n) for n in classic.directors]
        crew += [("Writing", "Screenplay", n) for n in classic.writers]
        credits += [
            Credit(film=film, person=_person(name, people), kind=Credit.Kind.CREW,
                   department=department, job=job, order=order)
            for order, (department, job, name) in enumerate(crew)
        ]  # fmt: skip
        Credit.objects.bulk_create(credits)
        created += 1
    return created
