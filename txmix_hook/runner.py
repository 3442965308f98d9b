"""A whole run: discover files, read and analyse each, apply per-file ignores and suppressions."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path

from txmix_hook.baseline import fingerprint_findings
from txmix_hook.cache import Cache
from txmix_hook.cached import file_analysis, rules_digest
from txmix_hook.discovery import Candidate, discover, package_of
from txmix_hook.parallel import run_all
from txmix_hook.engine.analyze import Analyzer
from txmix_hook.finding import Finding
from txmix_hook.internal_error import internal_error_line
from txmix_hook.limits import over_limit
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

    def __init__(self, settings: Settings, cache: Cache | None = None) -> None:
        self.settings = settings
        self.analyzer = Analyzer(settings.book, settings.pattern_rules)
        self.cache = cache

    @cached_property
    def rules_digest(self) -> bytes:
        return rules_digest(self.settings.book, self.analyzer.rules)

    def check_source(self, source: SourceFile) -> FileCheck:
        package = package_of(source.path.parent)
        digest = self.rules_digest if self.cache is not None else b""
        analysed = file_analysis(self.cache, digest, source, package, lambda: self.analyzer.analyze(source, package))
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


@dataclass
class FileReport:
    """What checking one file sends back (across a process boundary when run in parallel)."""

    error: str | None = None
    check: FileCheck | None = None
    source: SourceFile | None = None  # kept only when there are findings (fixes, noqa, full output)


def check_candidate(checker: Checker, candidate: Candidate) -> FileReport:
    if candidate.warning is not None or candidate.error is not None:  # discovery decided: not to be read
        return FileReport(error=candidate.error, check=FileCheck([], [candidate.warning] if candidate.warning else [], 0))
    try:
        source = read_source(candidate.path, candidate.display)
    except SourceError as exc:
        return FileReport(error=str(exc))
    if (too_big := over_limit(source.data, candidate.display, checker.settings.config.limits)) is not None:
        return FileReport(error=too_big)
    try:
        checked = checker.check_source(source)
    except RecursionError:
        return FileReport(error=f"{candidate.display}:1:1: too deeply nested to analyse; file skipped")
    except Exception as exc:  # noqa: BLE001 - one file's internal error never ends the run
        return FileReport(error=internal_error_line(candidate.display, exc))
    return FileReport(check=checked, source=source if checked.findings else None)


def crashed(candidate: Candidate, how: str) -> FileReport:
    return FileReport(error=f"{candidate.display}:1:1: the analysis crashed ({how}); file skipped, please report it")


def run_check(
    paths: Sequence[Path],
    settings: Settings,
    checker: Checker | None = None,
    on_file: Callable[[int], None] | None = None,
    jobs: int | None = None,
) -> RunResult:
    """Check every file under ``paths``; ``jobs`` worker processes (None: one per core for large runs)."""
    checker = checker or Checker(settings)
    candidates = list(discover(list(paths), settings.file_filter))
    if checker.cache is None:
        _ = checker.analyzer.plan  # compiled once here rather than in every worker (with a cache, only misses need it)
    else:
        _ = checker.rules_digest  # computed once, before workers inherit it
    result = RunResult()
    for report in run_all(partial(check_candidate, checker), candidates, crashed, jobs):
        result.files_checked += 1
        if on_file is not None:
            on_file(result.files_checked)
        if report.error is not None:
            result.errors.append(report.error)
            continue
        assert report.check is not None
        result.warnings.extend(report.check.warnings)
        result.suppressed += report.check.suppressed
        if report.check.findings and report.source is not None:
            result.findings.extend(report.check.findings)
            result.outcomes.append(FileOutcome(report.source, report.check.findings))
    result.findings.sort(key=lambda f: f.sort_key)
    return result
