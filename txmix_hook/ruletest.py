"""Running rules against annotated code: ``txmix rule test`` and the built-in rules' own tests.

Annotations follow semgrep: ``# ruleid: TXM001`` on the line before a line that must carry a
finding of that rule, ``# ok: TXM001`` before a line that must not. An embedded ``invalid``
snippet without annotations must produce at least one finding; a ``valid`` one, none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from txmix_hook.discovery import display_path
from txmix_hook.analysis import Analysis
from txmix_hook.rules.model import Rule
from txmix_hook.rules.rulebook import RuleBook
from txmix_hook.finding import Finding
from txmix_hook.internal_error import internal_error_line
from txmix_hook.limits import Limits, over_limit
from txmix_hook.source import SourceError, SourceFile, decode_source, read_source

_ANNOTATION = re.compile(r"^\s*#\s*(ruleid|ok)\s*:\s*([A-Za-z0-9_, ]+?)\s*$")


@dataclass(frozen=True)
class CaseFailure:
    where: str  # file:line
    expected: str
    got: str

    def __str__(self) -> str:
        return f"{self.where}: expected {self.expected}, got {self.got}"


@dataclass
class SuiteResult:
    passed: int = 0
    failures: list[CaseFailure] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str:
        return f"{self.passed} passed, {len(self.failures)} failed"


def expectations(code: str) -> tuple[dict[int, set[str]], dict[int, set[str]]]:
    """Lines (1-based) that must / must not carry findings, per rule id."""
    must: dict[int, set[str]] = {}
    must_not: dict[int, set[str]] = {}
    lines = code.splitlines()
    for number, line in enumerate(lines, start=1):
        found = _ANNOTATION.match(line)
        if not found:
            continue
        target = number + 1
        while target <= len(lines) and _ANNOTATION.match(lines[target - 1]):
            target += 1
        ids = {part.strip() for part in found.group(2).split(",") if part.strip()}
        (must if found.group(1) == "ruleid" else must_not).setdefault(target, set()).update(ids)
    return must, must_not


def check_snippet(book: RuleBook, rule: Rule, code: str, where: str, line_offset: int, should_find: bool) -> list[CaseFailure]:
    """Check one embedded snippet; ``line_offset`` maps snippet lines back to the rule file."""
    source = decode_source(code.encode("utf-8"), Path(where), where)
    book = book.with_factories(*rule.assumed_factories)
    analysed = _analyse(book, [rule], source)
    if isinstance(analysed, CaseFailure):
        return [analysed]
    findings = [f for f in analysed if f.code == rule.id]
    got_lines = sorted({f.location.row for f in findings})
    must, must_not = expectations(code)
    failures: list[CaseFailure] = []
    wanted = sorted(line for line, ids in must.items() if rule.id in ids)
    kind = "invalid" if should_find else "valid"
    if wanted:
        for line in wanted:
            if line not in got_lines:
                failures.append(CaseFailure(f"{where}:{line + line_offset}", f"{rule.id} on this line ({kind} example)", _describe(got_lines, line_offset)))
    elif should_find and not findings:
        failures.append(CaseFailure(f"{where}:{1 + line_offset}", f"a {rule.id} finding in this invalid example", "none"))
    if not should_find:
        for f in findings:
            failures.append(CaseFailure(f"{where}:{f.location.row + line_offset}", f"no {rule.id} in this valid example", f"{f.code}: {f.message}"))
    for line, ids in must_not.items():
        if rule.id in ids and line in got_lines:
            failures.append(CaseFailure(f"{where}:{line + line_offset}", f"no {rule.id} on this line (# ok)", f"a {rule.id} finding"))
    return failures


def check_test_file(book: RuleBook, rules: Sequence[Rule], path: Path, display: str) -> tuple[int, list[CaseFailure], set[str]]:
    """An external annotated file: every annotation is one case. Returns (cases, failures, rule ids named)."""
    try:
        source = read_source(path, display)
    except SourceError as exc:
        return 1, [CaseFailure(display, "a readable test file", str(exc))], set()
    must, must_not = expectations(source.text)
    findings = _analyse(book, rules, source)
    if isinstance(findings, CaseFailure):
        return 1, [findings], set()
    got: dict[int, set[str]] = {}
    for f in findings:
        got.setdefault(f.location.row, set()).add(f.code)
    cases, failures, named = 0, [], set()
    for line, ids in sorted(must.items()):
        for rule_id in sorted(ids):
            cases += 1
            named.add(rule_id)
            if rule_id not in got.get(line, set()):
                failures.append(CaseFailure(f"{display}:{line}", f"{rule_id} (# ruleid)", ", ".join(sorted(got.get(line, set()))) or "no finding"))
    for line, ids in sorted(must_not.items()):
        for rule_id in sorted(ids):
            cases += 1
            named.add(rule_id)
            if rule_id in got.get(line, set()):
                failures.append(CaseFailure(f"{display}:{line}", f"no {rule_id} (# ok)", f"{rule_id}"))
    return cases, failures, named


def run_suite(book: RuleBook, rules: Sequence[Rule], test_files: Sequence[tuple[Path, str]]) -> SuiteResult:
    result = SuiteResult()
    tested: set[str] = set()
    for rule in rules:
        for should_find, snippets, offsets in ((False, rule.valid_tests, rule.test_lines[0]), (True, rule.invalid_tests, rule.test_lines[1])):
            for i, code in enumerate(snippets):
                offset = offsets[i] if i < len(offsets) else 0
                failures = check_snippet(book, rule, code, display_path(Path(rule.origin)), offset, should_find)
                result.failures.extend(failures)
                result.passed += not failures
                tested.add(rule.id)
    runnable = [r for r in book.rules.values() if r.enabled]
    for path, display in test_files:
        cases, failures, named = check_test_file(book, runnable, path, display)
        result.failures.extend(failures)
        result.passed += cases - len(failures)
        tested |= named
    for rule in rules:
        if rule.id not in tested:
            result.warnings.append(f"warning: {rule.id} ({display_path(Path(rule.origin))}) has no tests: add tests.valid / tests.invalid or an annotated .py file")
    return result


def _analyse(book: RuleBook, rules: Sequence[Rule], source: SourceFile) -> list[Finding] | CaseFailure:
    """The findings, or why there are none: over a per-file limit, or an internal error (one case fails, the suite goes on)."""
    refused = over_limit(source.data, source.display, Limits())
    if refused is not None:
        return CaseFailure(source.display, "a test file within the limits", refused)
    try:
        return Analysis(book, list(rules)).analyze(source)
    except Exception as exc:  # noqa: BLE001 - one bad test file never ends the suite
        return CaseFailure(source.display, "an analysable test file", internal_error_line(source.display, exc))


def _describe(lines: list[int], offset: int) -> str:
    return "findings on lines " + ", ".join(str(n + offset) for n in lines) if lines else "no finding"
