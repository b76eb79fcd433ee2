"""Rows of the synthetic catalog, generated in batches from one seeded RNG.

Nothing here touches the database: the generator yields plain tuples (in the
column order of the *_FIELDS constants) and `catalog.demo.writer` stores them.
Memory stays flat: people are a pure function of their number, so a film can
cast anyone without the generator keeping a list of who exists.

People are split into department pools. Within a pool, people are ordered by the
middle of their career, spread like the films themselves (more people in busy
decades), so a 1950s film casts people whose careers peak around the 1950s, and
every STAR_STRIDE-th person is a "star" who gets cast far more often: the long
tail of real filmographies.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, field

from catalog.demo import distributions as dist
from catalog.demo import words
from catalog.demo.naming import AffinePermutation, DemoRandom, PersonNames, TitleMaker, cumulative
from catalog.text import film_slug, normalise_title

STAR_STRIDE = 20
DEMO_SOURCE = "demo"  # Film.overview_source of every generated film, to tell them apart

# department: (share of the film count, job when credited as crew)
POOLS: dict[str, float] = {
    "Acting": 0.62,
    "Directing": 0.12,
    "Writing": 0.12,
    "Production": 0.09,
    "Camera": 0.04,
    "Editing": 0.04,
    "Sound": 0.03,
    "Art": 0.012,
    "Costume & Make-Up": 0.008,
}
# (department, job, chance of one credit, chance of a second)
CREW_JOBS: tuple[tuple[str, str, float, float], ...] = (
    ("Directing", "Director", 1.0, 0.06),
    ("Production", "Producer", 0.6, 0.25),
    ("Camera", "Director of Photography", 0.6, 0.0),
    ("Editing", "Editor", 0.55, 0.0),
    ("Sound", "Original Music Composer", 0.5, 0.0),
    ("Art", "Production Design", 0.1, 0.0),
    ("Costume & Make-Up", "Costume Design", 0.05, 0.0),
)
WRITING_JOBS = ("Screenplay", "Writer", "Story", "Novel")
_WRITING_JOB_CUM = cumulative((45, 30, 15, 10))
_WRITER_COUNT_CUM = cumulative((20, 60, 20))
_COMPANY_COUNT_CUM = cumulative((10, 55, 25, 10))
_GENRE_COUNT_CUM = cumulative(dist.GENRE_COUNT_WEIGHTS)
_UPCOMING_STATUSES = ("released", "post_production", "in_production", "planned")
_UPCOMING_CUM = cumulative((45, 25, 18, 12))

FILM_FIELDS = (
    "id", "public_id", "slug", "imdb_id", "title", "original_title", "norm_title", "year",
    "release_date", "runtime", "overview", "overview_source", "tagline", "original_language",
    "status", "certification", "budget", "revenue", "homepage", "poster_url", "poster_file",
    "backdrop_url", "has_poster", "imdb_rating", "imdb_votes", "rt_critics", "tmdb_rating",
    "tmdb_votes", "movielens_rating", "movielens_votes", "community_rating", "community_votes",
    "master_score", "popularity", "awards", "created_at", "updated_at",
)  # fmt: skip
CREDIT_FIELDS = ("film_id", "person_id", "kind", "department", "job", "character", "order")
PROVIDER_FIELDS = ("film_id", "provider_id", "region", "offer", "link")


@dataclass(frozen=True)
class Pool:
    department: str
    start: int  # first person number
    size: int


@dataclass(frozen=True)
class Vocabulary:
    """Database ids of the small tables films point at."""

    genres: dict[str, int]
    keywords: list[int]
    companies: list[int]
    countries: set[str]
    languages: set[str]
    providers: dict[str, int]


@dataclass
class FilmBatch:
    films: list[tuple] = field(default_factory=list)
    genres: list[tuple[int, int]] = field(default_factory=list)
    keywords: list[tuple[int, int]] = field(default_factory=list)
    companies: list[tuple[int, int]] = field(default_factory=list)
    countries: list[tuple[int, str]] = field(default_factory=list)
    languages: list[tuple[int, str]] = field(default_factory=list)
    credits: list[tuple] = field(default_factory=list)
    providers: list[tuple] = field(default_factory=list)


class CatalogPlan:
    """Sizes derived from the film count: how many people, companies, and who is where."""

    def __init__(self, films: int, seed: int) -> None:
        self.films = films
        self.seed = seed
        self.pools: dict[str, Pool] = {}
        start = 0
        for department, share in POOLS.items():
            size = max(12, round(films * share))
            self.pools[department] = Pool(department, start, size)
            start += size
        self.people = start
        self.companies = min(20_000, max(30, films // 8))
        self.names = PersonNames(self.people, random.Random(f"{seed}:names"))

    def pool_of(self, person_number: int) -> Pool:
        for pool in self.pools.values():
            if person_number < pool.start + pool.size:
                return pool
        raise ValueError(person_number)


def _cumulative(weights: dict[str, float]) -> tuple[list[str], list[float]]:
    keys = list(weights)
    total, cum = 0.0, []
    for key in keys:
        total += weights[key]
        cum.append(total)
    return keys, cum


def imdb_like(prefix: str, number: int) -> str:
    # IMDb's own ids are below 1e8 and have not reached 4e7; 9e7 and up never collides.
    return f"{prefix}{90_000_000 + number}"


class FilmGenerator:
    def __init__(
        self,
        plan: CatalogPlan,
        vocabulary: Vocabulary,
        *,
        film_id_base: int,
        person_id_base: int,
        poster_url: str,
        now: dt.datetime,
    ) -> None:
        self.plan = plan
        self.vocab = vocabulary
        self.film_id_base = film_id_base
        self.person_id_base = person_id_base
        self.poster_url = poster_url  # with "{}" where the public id goes
        self.now = now
        self.rng = DemoRandom(f"{plan.seed}:films")
        self.titles = TitleMaker(self.rng)
        self.imdb_numbers = AffinePermutation(10_000_000, self.rng)
        self.with_imdb = 0
        self.genre_names, self.genre_cum = _cumulative({g: w for g, (w, _) in dist.GENRES.items()})
        self.language_codes, self.language_cum = _cumulative(
            {c: spec[1] for c, spec in dist.LANGUAGES.items()}
        )
        self.provider_names = list(vocabulary.providers)
        self.homes = {
            code: ([c for c, _ in spec[2]], cumulative([w for _, w in spec[2]]))
            for code, spec in dist.LANGUAGES.items()
        }
        # Per year: where that year sits in each pool, and how wide a career is there.
        self.share = {y: dist.year_share_before(y + 0.5) for y in dist.YEARS}
        self.spread = {
            y: (dist.year_share_before(y + 7) - dist.year_share_before(y - 7)) / 2
            for y in dist.YEARS
        }

    # --- batches --------------------------------------------------------------------------
    def batches(self, size: int) -> Iterator[FilmBatch]:
        for start in range(0, self.plan.films, size):
            batch = FilmBatch()
            for number in range(start, min(start + size, self.plan.films)):
                self.film(number, batch)
            yield batch

    def film(self, number: int, batch: FilmBatch) -> None:
        rng = self.rng
        film_id = self.film_id_base + number
        year = rng.pick_weighted(dist.YEARS, dist.YEAR_CUM_WEIGHTS)
        genres = self.pick_genres()
        language = rng.pick_weighted(self.language_codes, self.language_cum)
        countries = self.pick_countries(language)
        title = self.titles.next_title()
        slug = film_slug(title, year)
        imdb_id = None
        if rng.random() < 0.5:
            imdb_id = imdb_like("tt", self.imdb_numbers(self.with_imdb))
            self.with_imdb += 1
        public_id = imdb_id or slug
        status, release_date = self.pick_release(year)
        released = status == "released"
        ratings = self.pick_ratings(year, genres, language) if released else None
        votes = ratings[1] if ratings else 0
        poster_url = self.poster_url.format(public_id) if rng.random() < 0.75 else ""
        budget, revenue = self.pick_money(year, language, released)
        awards = self.pick_awards(year, ratings) if ratings else []
        batch.films.append(
            (
                film_id, public_id, slug, imdb_id, title, title, normalise_title(title), year,
                release_date, self.pick_runtime(year, genres), self.overview(),
                DEMO_SOURCE, rng.pick(words.TAGLINES) if rng.random() < 0.4 else "",
                language, status, self.pick_certification(countries[0], year), budget,
                revenue, "", poster_url, "", "", bool(poster_url),
                *(ratings or (None, 0, None, None, 0, None, 0)), None, 0, None,
                self.popularity(year, votes), awards, self.now, self.now,
            )
        )  # fmt: skip
        batch.genres.extend((film_id, self.vocab.genres[g]) for g in genres)
        batch.countries.extend((film_id, c) for c in countries)
        batch.languages.extend((film_id, code) for code in self.spoken_languages(language))
        batch.keywords.extend((film_id, k) for k in self.pick_keywords())
        batch.companies.extend((film_id, c) for c in self.pick_companies())
        self.add_credits(film_id, year, genres, votes, batch.credits)
        if released and year >= 1950:
            self.add_providers(film_id, votes, batch.providers)

    # --- film attributes ------------------------------------------------------------------
    def pick_genres(self) -> list[str]:
        rng = self.rng
        count = rng.pick_weighted((1, 2, 3), _GENRE_COUNT_CUM)
        picked: list[str] = []
        while len(picked) < count:
            genre = rng.pick_weighted(self.genre_names, self.genre_cum)
            if genre not in picked:
                picked.append(genre)
        return picked

    def pick_countries(self, language: str) -> list[str]:
        first = self.rng.pick_weighted(*self.homes[language])
        countries = [first]
        if self.rng.random() < 0.15:
            partner = self.rng.pick(dist.CO_PRODUCERS)
            if partner != first:
                countries.append(partner)
        return countries

    def spoken_languages(self, language: str) -> list[str]:
        spoken = [language]
        if language != "en" and self.rng.random() < 0.2:
            spoken.append("en")
        elif self.rng.random() < 0.05:
            other = self.rng.pick(("fr", "es", "de", "it", "ru", "ja"))
            if other != language:
                spoken.append(other)
        return spoken

    def pick_release(self, year: int) -> tuple[str, dt.date]:
        rng = self.rng
        date = dt.date(year, rng.between(1, 12), rng.between(1, 28))
        if year < dist.LAST_YEAR:
            return "released", date
        status = rng.pick_weighted(_UPCOMING_STATUSES, _UPCOMING_CUM)
        if status == "released":
            date = dt.date(year, rng.between(1, 10), rng.between(1, 28))
        return status, date

    def pick_runtime(self, year: int, genres: list[str]) -> int | None:
        rng = self.rng
        if rng.random() < 0.03:
            return None
        mean = 86 if year < 1945 else 100
        if "Animation" in genres:
            mean = 88
        elif "Documentary" in genres:
            mean = 92
        return int(min(max(rng.gauss(mean, 17), 62), 240))

    def pick_ratings(self, year: int, genres: list[str], language: str) -> tuple | None:
        """(imdb, imdb votes, rt, tmdb, tmdb votes, movielens, movielens votes)."""
        rng = self.rng
        if rng.random() < 0.06:
            return None  # too obscure to have been rated anywhere
        centre = 4.6 + 2.2 * (year - dist.FIRST_YEAR) / (dist.LAST_YEAR - dist.FIRST_YEAR)
        if language == "en":
            centre += 0.9
        log_votes = rng.gauss(centre, 1.9)
        votes = int(min(max(math.exp(log_votes), 5), 3_000_000))
        shift = sum(dist.GENRES[g][1] for g in genres) / len(genres)
        rating = rng.gauss(6.3 + shift + 0.07 * (log_votes - centre), 1.0)
        imdb = round(min(max(rating, 1.0), 9.7), 1)
        rt = tmdb = movielens = None
        tmdb_votes = movielens_votes = 0
        if rng.random() < 0.65:
            tmdb = round(min(max(imdb + rng.gauss(0.1, 0.4), 0.5), 10.0), 1)
            tmdb_votes = max(1, int(votes * 0.03 * rng.lognormvariate(0, 0.5)))
        if rng.random() < min(0.9, 0.05 + 0.15 * max(0.0, log_votes - 7)):
            rt = int(min(max(62 + 16 * (imdb - 6.4) + rng.gauss(0, 12), 0), 100))
        if year <= 2023 and rng.random() < min(0.8, 0.08 + 0.1 * max(0.0, log_votes - 6)):
            movielens = round(min(max(imdb - 0.4 + rng.gauss(0, 0.35), 1.0), 10.0), 2)
            movielens_votes = max(1, int(votes * 0.02 * rng.lognormvariate(0, 0.5)))
        return imdb, votes, rt, tmdb, tmdb_votes, movielens, movielens_votes

    def popularity(self, year: int, votes: int) -> float:
        recency = 1 + max(0, year - 2010) / 4
        return round((0.6 + math.sqrt(votes) / 40) * recency * self.rng.lognormvariate(0, 0.3), 3)

    def pick_money(self, year: int, language: str, released: bool) -> tuple[int | None, ...]:
        rng = self.rng
        if year < 1960 or rng.random() > (0.35 if language == "en" else 0.1):
            return None, None
        inflation = 1.035 ** (year - 1960)
        budget = int(rng.lognormvariate(math.log(1_500_000), 1.0) * inflation) // 1000 * 1000
        if not released:
            return budget, None
        return budget, int(budget * rng.lognormvariate(0.5, 1.1)) // 1000 * 1000

    def pick_certification(self, country: str, year: int) -> str:
        ratings = dist.CERTIFICATIONS.get(country)
        if not ratings or year < 1968 or self.rng.random() < 0.3:
            return ""
        if country == "US" and year < 1984:
            ratings = tuple(r for r in ratings if r != "PG-13")
        return self.rng.pick(ratings)

    def pick_awards(self, year: int, ratings: tuple) -> list[dict]:
        rng = self.rng
        imdb, votes = ratings[0], ratings[1]
        chance = 0.003 + (0.08 * (imdb - 7.0) if imdb > 7.0 and votes > 5000 else 0.0)
        if rng.random() >= chance:
            return []
        awards = []
        for _ in range(rng.between(1, 3)):
            name, categories = rng.pick(words.AWARDS)
            result = "won" if rng.random() < 0.4 else "nominated"
            awards.append(
                {
                    "name": name,
                    "category": rng.pick(categories),
                    "year": year + 1,
                    "result": result,
                }
            )
        return awards

    def overview(self) -> str:
        rng = self.rng
        if rng.random() < 0.05:
            return ""
        return (
            f"{rng.pick(words.OVERVIEW_PROTAGONISTS).capitalize()} "
            f"{rng.pick(words.OVERVIEW_ACTIONS)} {rng.pick(words.OVERVIEW_SETTINGS)}. "
            f"{rng.pick(words.OVERVIEW_ENDINGS)}"
        )

    def pick_keywords(self) -> set[int]:
        count = min(int(self.rng.expovariate(1 / 3)), 8)
        return {self.rng.pick(self.vocab.keywords) for _ in range(count)}

    def pick_companies(self) -> set[int]:
        companies = self.vocab.companies
        count = self.rng.pick_weighted((0, 1, 2, 3), _COMPANY_COUNT_CUM)
        # Cubing a uniform draw favours the first companies: a few majors, many small shops.
        return {companies[int(len(companies) * self.rng.random() ** 3)] for _ in range(count)}

    def add_providers(self, film_id: int, votes: int, rows: list[tuple]) -> None:
        rng = self.rng
        if rng.random() >= 0.12 + 0.5 * min(1.0, math.log10(votes + 1) / 6):
            return
        seen = set()
        for region in rng.sample(dist.WATCH_REGIONS, rng.between(1, 3)):
            for name in rng.sample(self.provider_names, rng.between(1, 2)):
                offer = _PROVIDER_OFFERS.get(name) or ("flatrate",)
                key = (name, region, offer[0])
                if key not in seen:
                    seen.add(key)
                    rows.append((film_id, self.vocab.providers[name], region, rng.pick(offer), ""))

    # --- credits --------------------------------------------------------------------------
    def pick_person(self, pool: Pool, year: int, star_chance: float) -> int:
        rng = self.rng
        position = pool.size * self.share[year] + rng.gauss(
            0, max(2.0, pool.size * self.spread[year])
        )
        if rng.random() < star_chance:
            position = round(position / STAR_STRIDE) * STAR_STRIDE
        position = int(position)
        if position < 0:
            position = -position
        if position >= pool.size:
            position = max(0, 2 * pool.size - position - 1)
        return pool.start + min(position, pool.size - 1)

    def add_credits(
        self, film_id: int, year: int, genres: list[str], votes: int, rows: list[tuple]
    ) -> None:
        rng = self.rng
        pools = self.plan.pools
        base = self.person_id_base
        taken: set[tuple[int, str]] = set()

        def credit(
            number: int, kind: str, department: str, job: str, character: str, order: int
        ) -> bool:
            if (number, job) in taken:
                return False
            taken.add((number, job))
            rows.append((film_id, base + number, kind, department, job, character, order))
            return True

        documentary = "Documentary" in genres
        voices = "Animation" in genres
        if documentary:
            cast_size = rng.between(0, 3)
        else:
            cast_size = int(rng.lognormvariate(1.15, 0.45)) + (3 if votes > 50_000 else 0)
            cast_size = min(max(cast_size, 1), 16)
        order = 0
        for _ in range(cast_size):
            number = self.pick_person(pools["Acting"], year, 0.3 if order < 2 else 0.1)
            person = self.plan.names(number)
            if documentary:
                character = "Herself" if person.female else "Himself"
            else:
                character = self.character(person.female, order)
                if voices:
                    character += " (voice)"
            if credit(number, "cast", "Acting", "Actor", character, order):
                order += 1

        directors = []
        for department, job, first, second in CREW_JOBS:
            count = (rng.random() < first) + (rng.random() < second)
            for i in range(count):
                number = self.pick_person(pools[department], year, 0.15)
                if credit(number, "crew", department, job, "", i) and department == "Directing":
                    directors.append(number)
        writers = rng.pick_weighted((0, 1, 2), _WRITER_COUNT_CUM)
        for i in range(writers):
            if i == 0 and directors and rng.random() < 0.3:
                number = directors[0]  # the auteur who wrote it too
            else:
                number = self.pick_person(pools["Writing"], year, 0.1)
            job = rng.pick_weighted(WRITING_JOBS, _WRITING_JOB_CUM)
            credit(number, "crew", "Writing", job, "", i)

    def character(self, female: bool, order: int) -> str:
        rng = self.rng
        if order >= 4 and rng.random() < 0.5:
            return rng.pick(words.BIT_PARTS[:-3])  # not Himself/Herself/Narrator
        first = rng.pick(words.FIRST_NAMES_FEMALE if female else words.FIRST_NAMES_MALE)
        last = rng.pick(words.LAST_NAMES)
        roll = rng.random()
        if roll < 0.45:
            return f"{first} {last}"
        if roll < 0.75:
            return first
        role = rng.pick(words.CHARACTER_ROLES)
        if not female and role in ("Mrs.", "Miss", "Sister", "Aunt", "Grandma"):
            role = "Mr."
        elif female and role in ("Mr.", "Father", "Uncle"):
            role = "Mrs."
        return f"{role} {last}"


# Providers whose offers are not subscription streaming.
_PROVIDER_OFFERS: dict[str, tuple[str, ...]] = {
    "Rewind Rentals": ("rent", "buy"),
    "Matinee": ("rent", "buy"),
    "FreeReel (with ads)": ("ads",),
    "Kinoteka": ("free", "flatrate"),
}
