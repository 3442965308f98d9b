"""What only a person at a terminal sees: colour, rule names; and rule docs for SARIF."""

from __future__ import annotations

import re
from collections.abc import Mapping
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


def rule_name(code: str, settings: Settings) -> str:
    rule = settings.book.rules.get(code)
    return rule.name if rule is not None else ENGINE_RULES[code].name if code in ENGINE_RULES else ""


def wants_color(choice: str, stdout_is_tty: bool, environ: Mapping[str, str]) -> bool:
    """``--color`` first; then ``FORCE_COLOR`` (set and non-empty) forces it, ``NO_COLOR`` stops it, else a terminal decides."""
    if choice != "auto":
        return choice == "always"
    if environ.get("FORCE_COLOR"):
        return True
    return stdout_is_tty and not environ.get("NO_COLOR")


def rule_descriptors(settings: Settings) -> list[dict[str, Any]]:
    descriptors = [rule_descriptor(r.id, r.name, r.severity, r.docs) for _, r in sorted(settings.book.rules.items()) if r.id in settings.enabled]
    descriptors += [rule_descriptor(r.id, r.name, r.severity, r.docs) for _, r in sorted(ENGINE_RULES.items()) if r.id in settings.enabled]
    return descriptors
