"""The registry of ``--output-format`` names.

Every format takes the findings and a ``ReportContext``: a way to read a reported file's lines
(``full`` quotes the source) and the rules' documentation (``sarif`` embeds it).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from txmix_hook.finding import Finding
from txmix_hook.report import concise, full, github, gitlab, json_format, json_lines, junit, sarif


@dataclass(frozen=True)
class ReportContext:
    lines_of: Callable[[str], list[str]]
    rule_descriptors: Callable[[], list[dict[str, Any]]]


Renderer = Callable[[Sequence[Finding], ReportContext], str]

FORMATS: dict[str, Renderer] = {
    "concise": lambda findings, _ctx: concise.render(findings),
    "full": lambda findings, ctx: full.render(findings, ctx.lines_of),
    "json": lambda findings, _ctx: json_format.render(findings),
    "json-lines": lambda findings, _ctx: json_lines.render(findings),
    "sarif": lambda findings, ctx: sarif.render_with(ctx.rule_descriptors)(findings),
    "github": lambda findings, _ctx: github.render(findings),
    "junit": lambda findings, _ctx: junit.render(findings),
    "gitlab": lambda findings, _ctx: gitlab.render(findings),
}
