"""A finding: what the reports print and what suppressions, baselines and fixes refer to."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # edits.py needs Location from here; only the annotation goes the other way
    from txmix_hook.edits import Fix


@dataclass(frozen=True, order=True)
class Location:
    row: int  # 1-based
    column: int  # 1-based, in characters


@dataclass(frozen=True)
class Related:
    filename: str
    location: Location
    end_location: Location
    message: str


@dataclass(frozen=True)
class Finding:
    code: str
    message: str
    severity: str
    filename: str
    location: Location
    end_location: Location
    scope_name: str
    scope_kind: str
    related: tuple[Related, ...] = ()
    fix: Fix | None = field(default=None, compare=False)
    scope_row: int = field(default=0, compare=False)  # the def line: suppressions are honoured there too
    fingerprint: str = field(default="", compare=False)  # stable across line shifts (baselines)

    @property
    def sort_key(self) -> tuple[str, Location, str]:
        return (self.filename, self.location, self.code)


def fixable_counts(findings: Sequence[Finding]) -> tuple[int, int]:
    """(fixable with --fix, fixable only with --unsafe-fixes)."""
    safe = sum(1 for f in findings if f.fix is not None and f.fix.edits and f.fix.applicability == "safe")
    unsafe = sum(1 for f in findings if f.fix is not None and f.fix.edits and f.fix.applicability == "unsafe")
    return safe, unsafe
