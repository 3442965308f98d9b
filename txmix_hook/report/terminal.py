"""What only a person at a terminal sees: colour, per-rule statistics; and rule docs for SARIF."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

import click

from txmix_hook.engine_rules import ENGINE_RULES
from txmix_hook.finding import Finding
from txmix_hook.report.sarif import rule_descriptor
from txmix_hook.settings import Settings

_CONCISE = re.compile(r"^(?P<where>[^\n]+?:\d+:\d+:) (?P<code>[A-Z][A-Z0-9]*\d+) ", re.M)


def colorize(report: str, output_format: str) -> str:
    if output_format not in ("concise", "full"):
        return report
    return _CONCISE.sub(lambda m: f"{click.style(m['where'], bold=True)} {click.style(m['code'], fg='red', bold=True)} ", report)


def statistics_table(findings: Sequence[Finding], settings: Settings) -> str:
    counts = Counter(f.code for f in findings)
    lines = []
    for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        rule = settings.book.rules.get(code)
        name = rule.name if rule is not None else ENGINE_RULES[code].name if code in ENGINE_RULES else ""
        fixable = any(f.code == code and f.fix is not None and f.fix.edits for f in findings)
        lines.append(f"{count:>5}\t{code}\t{'[*] ' if fixable else '    '}{name}\n")
    return "".join(lines)


def rule_descriptors(settings: Settings) -> list[dict[str, Any]]:
    descriptors = [rule_descriptor(r.id, r.name, r.severity, r.docs) for _, r in sorted(settings.book.rules.items()) if r.id in settings.enabled]
    descriptors += [rule_descriptor(r.id, r.name, r.severity, r.docs) for _, r in sorted(ENGINE_RULES.items()) if r.id in settings.enabled]
    return descriptors
