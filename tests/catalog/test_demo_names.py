"""Generated titles and names never repeat, so slugs stay unique at any catalog size."""

from __future__ import annotations

import random

from django.utils.text import slugify

from catalog.demo.naming import AffinePermutation, DemoRandom, PersonNames, TitleMaker, company_name


def test_an_affine_permutation_visits_every_number_once():
    permutation = AffinePermutation(1000, random.Random(1))
    assert sorted(permutation(n) for n in range(1000)) == list(range(1000))


def test_titles_are_unique_as_slugs_even_after_the_short_templates_run_out():
    maker = TitleMaker(DemoRandom(2))
    titles = [maker.next_title() for _ in range(60_000)]
    assert len({slugify(title) for title in titles}) == len(titles)
    assert min(len(t) for t in titles) >= 3 and max(len(t) for t in titles) < 120


def test_person_names_are_unique_and_simple_names_come_first():
    names = PersonNames(150_000, random.Random(3))
    people = [names(n) for n in range(150_000)]
    assert len({slugify(p.name) for p in people}) == len(people)
    small = PersonNames(500, random.Random(3))
    assert all(small(n).name.count(" ") == 1 for n in range(500))


def test_company_names_are_unique():
    names = [company_name(n) for n in range(20_000)]
    assert len(set(names)) == len(names)
