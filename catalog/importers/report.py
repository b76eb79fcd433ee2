"""What an import tells its operator: each bad row as `file:line: message`, then a summary."""

from __future__ import annotations

from dataclasses import dataclass, field

from catalog.importers.records import RowError

OUTCOMES = ("created", "updated", "unchanged", "skipped")


@dataclass
class Summary:
    label: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(OUTCOMES, 0))
    errors: list[RowError] = field(default_factory=list)
    # Only the first errors are kept in memory for the caller; all are printed as they come.
    keep_errors: int = 100
    error_count: int = 0

    def count(self, outcome: str, n: int = 1) -> None:
        self.counts[outcome] += n

    def error(self, error: RowError) -> None:
        self.error_count += 1
        if len(self.errors) < self.keep_errors:
            self.errors.append(error)

    @property
    def rows(self) -> int:
        return sum(self.counts.values()) + self.error_count

    def line(self) -> str:
        parts = ", ".join(f"{self.counts[name]:,} {name}" for name in OUTCOMES)
        return f"{self.label}: {parts}, {self.error_count:,} errors"

    def __getattr__(self, name: str) -> int:
        if name in OUTCOMES:
            return self.counts[name]
        raise AttributeError(name)

    @staticmethod
    def total(label: str, summaries: list[Summary]) -> Summary:
        result = Summary(label)
        for summary in summaries:
            for name in OUTCOMES:
                result.counts[name] += summary.counts[name]
            result.error_count += summary.error_count
            result.errors.extend(summary.errors[: max(0, result.keep_errors - len(result.errors))])
        return result
