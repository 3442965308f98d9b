"""A whole run: discover files, read and analyse each, apply per-file ignores and suppressions."""

from __future__ import annotations

from collections.abc import Sequence
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
class RunResult:
    findings: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # files that could not be analysed
    warnings: list[str] = field(default_factory=list)
    files_checked: int = 0
    suppressed: int = 0
    outcomes: list[FileOutcome] = field(default_factory=list)  # files with findings, for writers

    @property
    def files_with_findings(self) -> int:
        return len({f.filename for f in self.findings})


def run_check(paths: Sequence[Path], settings: Settings) -> RunResult:
    analyzer = Analyzer(settings.book, settings.pattern_rules)
    known, enabled = settings.known_codes, settings.enabled
    result = RunResult()
    for candidate in discover(list(paths), settings.file_filter):
        result.files_checked += 1
        try:
            source = read_source(candidate.path, candidate.display)
        except SourceError as exc:
            result.errors.append(str(exc))
            continue
        analysed = analyzer.analyze(source, package_of(candidate.path.parent))
        result.warnings.extend(analysed.warnings)
        if not analysed.findings and not analysed.comments:
            continue
        ignored_here = settings.ignored_codes_for(candidate.path)
        findings = [f for f in analysed.findings if f.code not in ignored_here]
        lines = source.lines
        outcome = apply_suppressions(
            findings, parse_directives(analysed.comments), analysed.first_code_row, lines, known, enabled - ignored_here, source.display
        )
        result.suppressed += outcome.suppressed
        kept = fingerprint_findings(sorted(outcome.kept + outcome.unused, key=lambda f: f.sort_key), lines)
        if kept:
            result.findings.extend(kept)
            result.outcomes.append(FileOutcome(source, kept))
    result.findings.sort(key=lambda f: f.sort_key)
    return result
