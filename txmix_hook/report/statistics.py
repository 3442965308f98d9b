"""``--statistics``: the number of findings per rule, instead of the findings (as ruff does).

``[*]`` (JSON ``fixable``) marks a rule whose findings ``--fix`` would fix with the flags given:
a fix that is only unsafe counts only with ``--unsafe-fixes``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from txmix_hook.finding import Finding


@dataclass(frozen=True)
class RuleCount:
    code: str
    name: str
    count: int
    fixable: bool


def count_by_rule(findings: Sequence[Finding], name_of: Callable[[str], str], unsafe_fixes: bool) -> list[RuleCount]:
    allowed = {"safe", "unsafe"} if unsafe_fixes else {"safe"}
    counts = Counter(f.code for f in findings)
    fixable = {f.code for f in findings if f.fix is not None and f.fix.edits and f.fix.applicability in allowed}
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [RuleCount(code, name_of(code), count, code in fixable) for code, count in ordered]


def render_table(rows: Sequence[RuleCount]) -> str:
    return "".join(f"{r.count:>5}\t{r.code}\t{'[*] ' if r.fixable else '    '}{r.name}\n" for r in rows)


def render_json(rows: Sequence[RuleCount]) -> str:
    return json.dumps([{"code": r.code, "name": r.name, "count": r.count, "fixable": r.fixable} for r in rows], indent=2) + "\n"
