"""The master score explained for one film: each source's rating and its share of the score.

Built from catalog.scoring.score_parts, the same definition the stored score is computed
from in SQL, so the page can tell visitors where the number comes from, e.g.
"IMDb 9.2 from 2M votes: 62% of the score".
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache

from catalog.models import Film
from catalog.scoring import PRIOR_WEIGHT, catalog_means, overall_mean, score_parts

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
    share: float  # 0-1, this line's part of the score


def cached_means() -> dict[str, float]:
    """The catalog means change only when scores are recomputed: one query per 10 minutes."""
    return cache.get_or_set("catalog:score-means", catalog_means, timeout=600)


def score_breakdown(film: Film, means: dict[str, float]) -> list[SourceLine]:
    """One line per source the film has, then the catalog average it is pulled toward."""
    parts, _ = score_parts(film, means)
    if not parts:
        return []
    total = sum(p.weight for p in parts) + PRIOR_WEIGHT
    lines = [
        SourceLine(
            label=LABELS.get(p.source.name, p.source.name),
            display=f"{p.rating:.1f}" if p.votes is not None else f"{p.rating * 10:.0f}%",
            rating=p.rating,
            votes=p.votes,
            share=p.weight / total,
        )
        for p in parts
    ]
    mean = overall_mean(means)
    lines.append(SourceLine("Catalog average", f"{mean:.1f}", mean, None, PRIOR_WEIGHT / total))
    return lines
