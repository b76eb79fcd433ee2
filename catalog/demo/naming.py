"""Titles, person and company names that are unique by construction.

Slugs are unique in the database, so generated names must never repeat. Instead of
remembering every name handed out (memory would grow with the catalog), the n-th
name of a template is the n-th value of an affine permutation of that template's
combinations, decoded in mixed radix: distinct n, distinct words.
"""

from __future__ import annotations

import bisect
import itertools
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass

from catalog.demo import words


class DemoRandom(random.Random):
    """random.Random plus cheaper draws: the generator makes tens of millions of them,
    and `choice`/`choices`/`randint` spend most of their time on generality we don't need."""

    def pick(self, items: Sequence):
        return items[int(self.random() * len(items))]

    def pick_weighted(self, items: Sequence, cum_weights: Sequence[float]):
        return items[bisect.bisect(cum_weights, self.random() * cum_weights[-1])]

    def between(self, low: int, high: int) -> int:
        """An integer in [low, high], both included (like randint)."""
        return low + int(self.random() * (high - low + 1))


def cumulative(weights: Sequence[float]) -> list[float]:
    return list(itertools.accumulate(weights))


class AffinePermutation:
    """A bijection of range(size) that looks shuffled: n -> (a*n + b) mod size."""

    def __init__(self, size: int, rng: random.Random) -> None:
        self.size = size
        multiplier = max(1, int(size * 0.6180339887)) | 1
        while math.gcd(multiplier, size) != 1:
            multiplier += 1
        self.multiplier = multiplier
        self.offset = rng.randrange(size)

    def __call__(self, n: int) -> int:
        return (self.multiplier * n + self.offset) % self.size


def _decode(number: int, slots: Sequence[Sequence[str]]) -> list[str]:
    picked = []
    for slot in slots:
        number, digit = divmod(number, len(slot))
        picked.append(slot[digit])
    return picked


@dataclass
class _Template:
    pattern: str  # str.format pattern with positional slots
    slots: tuple[Sequence[str], ...]
    weight: float

    @property
    def capacity(self) -> int:
        return math.prod(len(slot) for slot in self.slots)


_A, _N, _P = words.TITLE_ADJECTIVES, words.TITLE_NOUNS, words.PLACES
_FIRST = words.FIRST_NAMES_FEMALE + words.FIRST_NAMES_MALE

TITLE_TEMPLATES: tuple[_Template, ...] = (
    _Template("The {0}", (_N,), 3),
    _Template("{0}", (_N,), 3),
    _Template("The {0} {1}", (_A, _N), 15),
    _Template("{0} {1}", (_A, _N), 12),
    _Template("{0} of the {1}", (_N, _N), 8),
    _Template("The {0} of {1}", (_N, _P), 8),
    _Template("{0} in {1}", (_N, _P), 6),
    _Template("{0}'s {1}", (_FIRST, _N), 6),
    _Template("The {0} and the {1}", (_N, _N), 5),
    _Template("Return to {0}", (_P,), 1),
    _Template("Escape from {0}", (_P,), 1),
    _Template("The {0} {1} of {2}", (_A, _N, _P), 10),
    _Template("{0} {1}, {2} {3}", (_A, _N, _A, _N), 4),
)
# When a small template runs out, titles come from the one that never will.
_OVERFLOW = max(range(len(TITLE_TEMPLATES)), key=lambda i: TITLE_TEMPLATES[i].capacity)


class TitleMaker:
    """Hands out film titles, never the same one twice for one seed."""

    def __init__(self, rng: DemoRandom) -> None:
        self.rng = rng
        self.indexes = range(len(TITLE_TEMPLATES))
        self.permutations = [AffinePermutation(t.capacity, rng) for t in TITLE_TEMPLATES]
        self.used = [0] * len(TITLE_TEMPLATES)
        self.cum_weights = []
        total = 0.0
        for template in TITLE_TEMPLATES:
            total += template.weight
            self.cum_weights.append(total)

    def next_title(self) -> str:
        index = self.rng.pick_weighted(self.indexes, self.cum_weights)
        if self.used[index] >= TITLE_TEMPLATES[index].capacity:
            index = _OVERFLOW
        template = TITLE_TEMPLATES[index]
        number = self.permutations[index](self.used[index])
        self.used[index] += 1
        return template.pattern.format(*_decode(number, template.slots))


@dataclass(frozen=True)
class PersonName:
    name: str
    first: str
    last: str
    female: bool


class PersonNames:
    """Person number -> a unique name; simple names first, middle initials and
    double-barrelled surnames once the simple ones are spent."""

    def __init__(self, people: int, rng: random.Random) -> None:
        self.permutation = AffinePermutation(max(people, 1), rng)
        self.simple = len(_FIRST) * len(words.LAST_NAMES)
        self.initialled = self.simple * len(words.MIDDLE_INITIALS)

    def __call__(self, person_number: int) -> PersonName:
        n = self.permutation(person_number)
        rest, first_index = divmod(n, len(_FIRST))
        first = _FIRST[first_index]
        female = first_index < len(words.FIRST_NAMES_FEMALE)
        last_names = words.LAST_NAMES
        if n < self.simple:
            last = last_names[rest % len(last_names)]
            return PersonName(f"{first} {last}", first, last, female)
        if n < self.simple + self.initialled:
            rest = (n - self.simple) // len(_FIRST)
            rest, last_index = divmod(rest, len(last_names))
            initial = words.MIDDLE_INITIALS[rest % len(words.MIDDLE_INITIALS)]
            last = last_names[last_index]
            return PersonName(f"{first} {initial}. {last}", first, last, female)
        rest = (n - self.simple - self.initialled) // len(_FIRST)
        rest, a = divmod(rest, len(last_names))
        b = (a + 1 + rest % (len(last_names) - 1)) % len(last_names)
        last = f"{last_names[a]}-{last_names[b]}"
        return PersonName(f"{first} {last}", first, last, female)


def company_name(number: int) -> str:
    """The number-th studio name: `Silver Pictures`, then `Silver Lantern Films`, ..."""
    simple = len(words.COMPANY_WORDS) * len(words.COMPANY_SUFFIXES)
    if number < simple:
        word, suffix = _decode(number, (words.COMPANY_WORDS, words.COMPANY_SUFFIXES))
        return f"{word} {suffix}"
    first, second, suffix = _decode(
        number - simple, (words.COMPANY_WORDS, words.COMPANY_WORDS, words.COMPANY_SUFFIXES)
    )
    return f"{first} {second} {suffix}"
