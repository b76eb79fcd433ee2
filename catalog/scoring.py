"""master_score: one 0-100 number per film from every rating source it has.

The formula (also in the README and the API schema):

1. Each source s with a rating r_s (on 0-10) and v_s votes is shrunk toward that
   source's catalog mean C_s by a Bayesian average with a prior of m_s votes:

       b_s = (v_s * r_s + m_s * C_s) / (v_s + m_s)

   A film with 3 IMDb votes of 10 gets barely more than the IMDb mean; one with
   a million votes keeps its own rating.
2. Rotten Tomatoes critics (percent) have no vote count here; r = rt / 10 is used as is.
3. The sources present are combined with fixed weights W_s, renormalised over
   the sources the film actually has:

       master_score = 10 * sum(W_s * b_s) / sum(W_s)

4. A film with no source at all gets no evidence of its own, so it sits at the
   mean of all film means (C_all), like any other film would with zero votes.

The result is always within 0-100 because every b_s is a convex combination of
values within 0-10. It is computed in SQL, so recomputing a million films is one
UPDATE, and a single film's refresh after a review is the same UPDATE on one row.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Avg, Case, Count, F, FloatField, Q, QuerySet, Value, When
from django.db.models.functions import Cast


@dataclass(frozen=True)
class Source:
    name: str
    rating_field: str
    votes_field: str | None  # None: used unshrunk (Rotten Tomatoes)
    weight: float
    prior_votes: int  # m_s
    scale: float = 1.0  # multiply the stored rating by this to get 0-10
    default_mean: float = 6.5  # C_s before the catalog has any film with this source


SOURCES: tuple[Source, ...] = (
    Source("imdb", "imdb_rating", "imdb_votes", weight=0.35, prior_votes=1000),
    Source("tmdb", "tmdb_rating", "tmdb_votes", weight=0.15, prior_votes=200),
    Source("rt_critics", "rt_critics", None, weight=0.20, prior_votes=0, scale=0.1),
    Source("movielens", "movielens_rating", "movielens_votes", weight=0.15, prior_votes=10),
    Source("community", "community_rating", "community_votes", weight=0.15, prior_votes=5),
)


def _present(source: Source) -> Q:
    q = Q(**{f"{source.rating_field}__isnull": False})
    if source.votes_field:
        q &= Q(**{f"{source.votes_field}__gt": 0})
    return q


def _shrunk(source: Source, mean: float):
    rating = Cast(F(source.rating_field), FloatField()) * Value(source.scale)
    if source.votes_field is None:
        return rating
    votes = Cast(F(source.votes_field), FloatField())
    return (votes * rating + Value(source.prior_votes * mean)) / (
        votes + Value(float(source.prior_votes))
    )


def master_score_expression(means: dict[str, float]):
    """The SQL expression for master_score, given each source's catalog mean."""
    numerator = Value(0.0)
    denominator = Value(0.0)
    for source in SOURCES:
        present = _present(source)
        numerator = numerator + Case(
            When(present, then=Value(source.weight) * _shrunk(source, means[source.name])),
            default=Value(0.0),
            output_field=FloatField(),
        )
        denominator = denominator + Case(
            When(present, then=Value(source.weight)), default=Value(0.0), output_field=FloatField()
        )
    overall = sum(means.values()) / len(means)
    return Case(
        When(
            Q(*[_present(s) for s in SOURCES], _connector=Q.OR),
            then=Value(10.0) * numerator / denominator,
        ),
        default=Value(10.0 * overall),
        output_field=FloatField(),
    )


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
