"""Running a rule against annotated code: the engine behind rule tests (embedded and external).

Annotations follow semgrep: ``# ruleid: TXM001`` on the line before a line that must carry a
finding of that rule, ``# ok: TXM001`` before a line that must not. An embedded ``invalid``
snippet without annotations must produce at least one finding; a ``valid`` one, none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from txmix_hook.engine.analyze import Analyzer
from txmix_hook.rules.model import Rule
from txmix_hook.rules.rulebook import RuleBook
from txmix_hook.source import decode_source

_ANNOTATION = re.compile(r"^\s*#\s*(ruleid|ok)\s*:\s*([A-Za-z0-9_, ]+?)\s*$")


@dataclass(frozen=True)
class CaseFailure:
    where: str  # file:line
    expected: str
    got: str

    def __str__(self) -> str:
        return f"{self.where}: expected {self.expected}, got {self.got}"


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
    findings = [f for f in Analyzer(book, [rule]).analyze(source).findings if f.code == rule.id]
    got_lines = sorted({f.location.row for f in findings})
    must, must_not = expectations(code)
    failures: list[CaseFailure] = []
    wanted = sorted(line for line, ids in must.items() if rule.id in ids)
    if wanted:
        for line in wanted:
            if line not in got_lines:
                failures.append(CaseFailure(f"{where}:{line + line_offset}", f"{rule.id} on this line", _describe(got_lines, line_offset)))
    elif should_find and not findings:
        failures.append(CaseFailure(f"{where}:{1 + line_offset}", f"a {rule.id} finding in this invalid example", "none"))
    if not should_find:
        for f in findings:
            failures.append(CaseFailure(f"{where}:{f.location.row + line_offset}", f"no {rule.id} in this valid example", f"{f.code}: {f.message}"))
    for line, ids in must_not.items():
        if rule.id in ids and line in got_lines:
            failures.append(CaseFailure(f"{where}:{line + line_offset}", f"no {rule.id} on this line (# ok)", f"a {rule.id} finding"))
    return failures


def _describe(lines: list[int], offset: int) -> str:
    return "findings on lines " + ", ".join(str(n + offset) for n in lines) if lines else "no finding"
