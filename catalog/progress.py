"""Progress for long commands: a redrawn bar on a terminal, a periodic line otherwise."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """`with Progress("films", total=n, stream=self.stdout) as p: p.advance(k)`."""

    def __init__(
        self,
        label: str,
        *,
        total: int | None = None,
        stream: TextIO | None = None,
        every_seconds: float = 5.0,
    ) -> None:
        self.label = label
        self.total = total
        self.stream = stream or sys.stderr
        self.every_seconds = every_seconds
        self.done = 0
        self.started = time.monotonic()
        self._last_draw = 0.0
        self.interactive = bool(getattr(self.stream, "isatty", lambda: False)())

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc_info) -> None:
        self.finish()

    def advance(self, n: int = 1) -> None:
        self.done += n
        now = time.monotonic()
        interval = 0.1 if self.interactive else self.every_seconds
        if now - self._last_draw >= interval:
            self._last_draw = now
            self._draw(final=False)

    def finish(self) -> None:
        self._draw(final=True)

    def _line(self) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-9)
        rate = self.done / elapsed
        if self.total:
            share = min(self.done / self.total, 1.0)
            bar = "#" * int(share * 30)
            return (
                f"{self.label}: [{bar:<30}] {self.done:,}/{self.total:,} "
                f"({share:.0%}, {rate:,.0f}/s, {elapsed:.0f}s)"
            )
        return f"{self.label}: {self.done:,} ({rate:,.0f}/s, {elapsed:.0f}s)"

    def _draw(self, *, final: bool) -> None:
        if self.interactive:
            self.stream.write("\r" + self._line() + ("\n" if final else ""))
        else:
            self.stream.write(self._line() + "\n")
        self.stream.flush()
