"""A whole run: discover files, read and analyse each, apply per-file ignores and suppressions."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from txmix_hook.baseline import fingerprint_findings
from txmix_hook.discovery import discover, package_of
from txmix_hook.engine.analyze import Analyzer
from txmix_hook.finding import Finding
from txmix_hook.settings import Settings
from txmix_hook.source import SourceError, SourceFile, read_source
from txmix_hook.suppress import apply_suppressions, parse_directives


@dataclass
class FileOutcome:
    source: SourceFile
    findings: list[Finding]


@dataclass
class FileCheck:
    findings: list[Finding]
    warnings: list[str]
    suppressed: int


@dataclass
class RunResult:
    findings: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # files that could not be analysed
    warnings: list[str] = field(default_factory=list)
    files_checked: int = 0
    suppressed: int = 0
    fixed: int = 0
    outcomes: list[FileOutcome] = field(default_factory=list)  # files with findings, for writers

    @property
    def files_with_findings(self) -> int:
        return len({f.filename for f in self.findings})


class Checker:
    """Everything from one file's text to its reportable findings; reused by ``--fix`` rounds."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.analyzer = Analyzer(settings.book, settings.pattern_rules)

    def check_source(self, source: SourceFile) -> FileCheck:
        analysed = self.analyzer.analyze(source, package_of(source.path.parent))
        if not analysed.findings and not analysed.comments:
            return FileCheck([], analysed.warnings, 0)
        ignored_here = self.settings.ignored_codes_for(source.path)
        findings = [f for f in analysed.findings if f.code not in ignored_here]
        lines = source.lines
        outcome = apply_suppressions(
            findings,
            parse_directives(analysed.comments),
            analysed.first_code_row,
            lines,
            self.settings.known_codes,
            self.settings.enabled - ignored_here,
            source.display,
        )
        kept = fingerprint_findings(sorted(outcome.kept + outcome.unused, key=lambda f: f.sort_key), lines)
        return FileCheck(kept, analysed.warnings, outcome.suppressed)


def run_check(
    paths: Sequence[Path], settings: Settings, checker: Checker | None = None, on_file: Callable[[int], None] | None = None
) -> RunResult:
    checker = checker or Checker(settings)
    result = RunResult()
    for candidate in discover(list(paths), settings.file_filter):
        result.files_checked += 1
        if on_file is not None:
            on_file(result.files_checked)
        try:
            source = read_source(candidate.path, candidate.display)
        except SourceError as exc:
            result.errors.append(str(exc))
            continue
        checked = checker.check_source(source)
        result.warnings.extend(checked.warnings)
        result.suppressed += checked.suppressed
        if checked.findings:
            result.findings.extend(checked.findings)
            result.outcomes.append(FileOutcome(source, checked.findings))
    result.findings.sort(key=lambda f: f.sort_key)
    return result
