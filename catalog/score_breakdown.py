"""The master score explained for one film: each source's rating, its shrunk value and its share.

Mirrors catalog.scoring (which computes the stored score in SQL) so the film page can show
visitors where the number comes from, e.g. "IMDb 9.2 from 2M votes counts as 9.2, weight 41%".
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache

from catalog.models import Film
from catalog.scoring import SOURCES, Source, catalog_means

LABELS = {
    "imdb": "IMDb",
    "tmdb": "TMDB",
    "rt_critics": "Rotten Tomatoes critics",
    "movielens": "MovieLens",
    "community": "Reelbase members",
}


@dataclass(frozen=True)
class SourceLine:
    label: str
    display: str  # as the source publishes it: "9.2" or "97%"
    rating: float  # on 0-10
    votes: int | None  # None: a percentage with no vote count (RT)
    counted_as: float  # after shrinking toward the catalog mean
    share: float  # 0-1, this source's weight among the sources present


def cached_means() -> dict[str, float]:
    """The catalog means change only when scores are recomputed: one query per 10 minutes."""
    return cache.get_or_set("catalog:score-means", catalog_means, timeout=600)


def _present(film: Film, source: Source) -> bool:
    if getattr(film, source.rating_field) is None:
        return False
    return source.votes_field is None or getattr(film, source.votes_field) > 0


def score_breakdown(film: Film, means: dict[str, float]) -> list[SourceLine]:
    present = [s for s in SOURCES if _present(film, s)]
    total_weight = sum(s.weight for s in present)
    lines = []
    for source in present:
        rating = float(getattr(film, source.rating_field)) * source.scale
        votes = getattr(film, source.votes_field) if source.votes_field else None
        if votes is None:
            counted = rating
        else:
            mean = means[source.name]
            counted = (votes * rating + source.prior_votes * mean) / (votes + source.prior_votes)
        lines.append(
            SourceLine(
                label=LABELS.get(source.name, source.name),
                display=f"{rating:.1f}" if votes is not None else f"{rating * 10:.0f}%",
                rating=rating,
                votes=votes,
                counted_as=counted,
                share=source.weight / total_weight,
            )
        )
    return lines
