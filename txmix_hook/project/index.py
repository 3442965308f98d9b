"""The project index: every module's summary, found by dotted name, and the stores on shared objects."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from txmix_hook.summary.model import ModuleSummary
from txmix_hook.summary.record import SummaryRecord


@dataclass
class ProjectModule:
    """One summarised file: its summary, where it is, and whether findings are reported in it."""

    record: SummaryRecord
    display: str
    reported: bool = True
    path: str = ""  # where to read it again (fixes, suppressions); "" when it came from memory

    @classmethod
    def of(cls, summary: ModuleSummary, display: str, reported: bool = True, path: str = "") -> ProjectModule:
        return cls(SummaryRecord.of(summary), display, reported, path)

    @property
    def summary(self) -> ModuleSummary:
        """Unpickled on first use (see ``SummaryRecord``)."""
        return self.record.summary


@dataclass
class ProjectIndex:
    modules: list[ProjectModule]
    by_name: dict[str, int] = field(default_factory=dict)

    @classmethod
    def build(cls, modules: Sequence[ProjectModule]) -> ProjectIndex:
        index = cls(list(modules))
        for number, module in enumerate(index.modules):
            name = module.record.module
            if name and name not in index.by_name:
                index.by_name[name] = number
        return index

    def split(self, qualname: str) -> tuple[int, list[str]] | None:
        """The project module a dotted name starts with, and the rest: ``app.db.engine`` -> (app.db, [engine])."""
        parts = qualname.split(".")
        for cut in range(len(parts), 0, -1):
            found = self.by_name.get(".".join(parts[:cut]))
            if found is not None:
                return found, parts[cut:]
        return None
