"""`import_catalog("wikipedia", path)` runs the management command and returns what it printed."""

from __future__ import annotations

from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.conftest import FIXTURES


@dataclass
class ImportOutput:
    out: str
    err: str

    @property
    def summary(self) -> str:
        """The last line: `wikipedia: 5 created, 1 updated, 0 unchanged, 0 skipped, 2 errors`."""
        return self.out.strip().splitlines()[-1]


@pytest.fixture
def import_catalog():
    def run(fmt: str, *paths: Path | str) -> ImportOutput:
        out, err = StringIO(), StringIO()
        call_command("import_catalog", fmt, *[str(p) for p in paths], stdout=out, stderr=err)
        return ImportOutput(out.getvalue(), err.getvalue())

    return run


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
