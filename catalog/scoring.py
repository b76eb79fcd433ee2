"""master_score: one 0-100 number per film from every rating source it has.

The formula (also in the README, the film page and the API schema):

1. Each source s has a rating r_s on 0-10 and v_s votes. Its confidence is
   c_s = v_s / (v_s + m_s): half at m_s votes (the source's "prior votes"),
   approaching 1 with many votes. Rotten Tomatoes critics (a percentage, no vote
   count here) count as r = rt / 10 with full confidence.
2. Its effective weight is e_s = W_s * c_s, W_s being the source's fixed weight.
3. The catalog mean C (the W-weighted mean of every source's catalog-wide mean)
   takes part as one more source with a small fixed weight P:

       master_score = 10 * (sum(e_s * r_s) + P * C) / (sum(e_s) + P)

Consequences: a film with a handful of votes sits near C (its e_s is tiny next to
P); a film with many votes keeps its own rating, pulled toward C by at most
P / (sum W_s + P); a new source with few votes barely moves a well-known film
(one member's rating does not drag The Godfather down); a missing source is left
out, not counted as zero; a film with no source at all scores C. Every term is a
convex combination of values within 0-10, so the score stays within 0-100.

`score_parts()` is the definition in Python (the film page shows it);
`master_score_expression()` is the same in SQL, so recomputing a million films is
one UPDATE and one film's refresh after a review is that UPDATE on one row. Tests
check the two agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Avg, Case, Count, F, FloatField, Q, QuerySet, Value, When
from django.db.models.functions import Cast

PRIOR_WEIGHT = 0.02  # P


@dataclass(frozen=True)
class Source:
    name: str
    rating_field: str
    votes_field: str | None  # None: full confidence (Rotten Tomatoes)
    weight: float  # W_s
    prior_votes: int  # m_s
    scale: float = 1.0  # multiply the stored rating by this to get 0-10
    default_mean: float = 6.5  # C_s before the catalog has any film with this source


SOURCES: tuple[Source, ...] = (
    Source("imdb", "imdb_rating", "imdb_votes", weight=0.35, prior_votes=1000),
    Source("tmdb", "tmdb_rating", "tmdb_votes", weight=0.15, prior_votes=200),
    Source("rt_critics", "rt_critics", None, weight=0.20, prior_votes=0, scale=0.1),
    Source("movielens", "movielens_rating", "movielens_votes", weight=0.15, prior_votes=20),
    Source("community", "community_rating", "community_votes", weight=0.15, prior_votes=50),
)


def overall_mean(means: dict[str, float]) -> float:
    """C: the sources' catalog means, weighted like the sources themselves."""
    return sum(s.weight * means[s.name] for s in SOURCES) / sum(s.weight for s in SOURCES)


@dataclass(frozen=True)
class Part:
    """One source's contribution to a film's score."""

    source: Source
    rating: float  # r_s on 0-10
    votes: int | None
    weight: float  # e_s


def score_parts(film: Any, means: dict[str, float]) -> tuple[list[Part], float]:
    """The sources a film has, with their effective weights, and its master_score."""
    parts = []
    for source in SOURCES:
        raw = getattr(film, source.rating_field)
        votes = getattr(film, source.votes_field) if source.votes_field else None
        if raw is None or votes == 0:
            continue
        confidence = 1.0 if votes is None else votes / (votes + source.prior_votes)
        parts.append(Part(source, float(raw) * source.scale, votes, source.weight * confidence))
    numerator = sum(p.weight * p.rating for p in parts) + PRIOR_WEIGHT * overall_mean(means)
    denominator = sum(p.weight for p in parts) + PRIOR_WEIGHT
    return parts, 10 * numerator / denominator


def _present(source: Source) -> Q:
    q = Q(**{f"{source.rating_field}__isnull": False})
    if source.votes_field:
        q &= Q(**{f"{source.votes_field}__gt": 0})
    return q


def _effective_weight(source: Source):
    if source.votes_field is None:
        return Value(source.weight)
    votes = Cast(F(source.votes_field), FloatField())
    return Value(source.weight) * votes / (votes + Value(float(source.prior_votes)))


def master_score_expression(means: dict[str, float]):
    """The SQL expression for master_score: score_parts() as one column expression."""
    numerator = Value(PRIOR_WEIGHT * overall_mean(means))
    denominator = Value(PRIOR_WEIGHT)
    for source in SOURCES:
        weight = _effective_weight(source)
        rating = Cast(F(source.rating_field), FloatField()) * Value(source.scale)
        numerator = numerator + Case(
            When(_present(source), then=weight * rating),
            default=Value(0.0),
            output_field=FloatField(),
        )
        denominator = denominator + Case(
            When(_present(source), then=weight), default=Value(0.0), output_field=FloatField()
        )
    return Value(10.0) * numerator / denominator


def catalog_means(*, refresh: bool = False) -> dict[str, float]:
    """Each source's mean over the films that have it (stored; recomputed on `refresh`)."""
    from catalog.models import Film, RatingBaseline

    if refresh:
        for source in SOURCES:
            agg = Film.objects.filter(_present(source)).aggregate(
                mean=Avg(Cast(F(source.rating_field), FloatField()) * Value(source.scale)),
                films=Count("id"),
            )
            RatingBaseline.objects.update_or_create(
                source=source.name,
                defaults={"mean": agg["mean"] or source.default_mean, "films": agg["films"]},
            )
    stored = dict(RatingBaseline.objects.values_list("source", "mean"))
    return {s.name: stored.get(s.name, s.default_mean) for s in SOURCES}


@transaction.atomic
def recompute_scores(films: QuerySet | None = None, *, refresh_means: bool = True) -> int:
    """Recompute master_score for `films` (default: the whole catalog). Returns rows updated."""
    from catalog.models import Film

    means = catalog_means(refresh=refresh_means)
    target = Film.objects.all() if films is None else films
    return target.update(master_score=master_score_expression(means))


def refresh_film_score(film_id: int) -> None:
    """Incremental refresh after one film's ratings changed (e.g. a new community review)."""
    from catalog.models import Film

    recompute_scores(Film.objects.filter(pk=film_id), refresh_means=False)
