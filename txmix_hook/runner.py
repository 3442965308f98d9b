"""A whole run: discover files, read and analyse each, gather findings and problems."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from txmix_hook.discovery import discover, package_of
from txmix_hook.engine.analyze import Analyzer
from txmix_hook.finding import Finding
from txmix_hook.rules.model import Rule
from txmix_hook.rules.rulebook import RuleBook
from txmix_hook.source import SourceError, read_source


@dataclass
class RunResult:
    findings: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # files that could not be analysed
    warnings: list[str] = field(default_factory=list)
    files_checked: int = 0

    @property
    def files_with_findings(self) -> int:
        return len({f.filename for f in self.findings})


def run_check(paths: Sequence[Path], book: RuleBook, rules: Sequence[Rule]) -> RunResult:
    analyzer = Analyzer(book, rules)
    result = RunResult()
    for candidate in discover(list(paths)):
        result.files_checked += 1
        try:
            source = read_source(candidate.path, candidate.display)
        except SourceError as exc:
            result.errors.append(str(exc))
            continue
        file_result = analyzer.analyze(source, package_of(candidate.path.parent))
        result.findings.extend(file_result.findings)
        result.warnings.extend(file_result.warnings)
    result.findings.sort(key=lambda f: f.sort_key)
    return result
