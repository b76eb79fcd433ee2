"""`ahead()`: batches generated in a background thread arrive in order, errors included."""

from __future__ import annotations

import pytest

from catalog.demo.prefetch import ahead


def test_it_yields_everything_in_order():
    assert list(ahead(iter(range(100)))) == list(range(100))


def test_an_error_in_the_producer_reaches_the_consumer_after_the_items_before_it():
    def items():
        yield 1
        yield 2
        raise ValueError("generator broke")

    seen = []
    with pytest.raises(ValueError, match="generator broke"):
        for item in ahead(items()):
            seen.append(item)
    assert seen == [1, 2]


def test_stopping_early_stops_the_producer():
    produced = []

    def items():
        for n in range(1000):
            produced.append(n)
            yield n

    for item in ahead(items(), depth=2):
        if item == 3:
            break
    assert len(produced) < 10
