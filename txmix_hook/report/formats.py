"""The registry of ``--output-format`` names.

Every format takes the findings and a ``ReportContext``: a way to read a reported file's lines
(``full`` quotes the source), the rules' documentation (``sarif`` embeds it) and the files that
could not be checked (machine formats carry them; people read them on stderr).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from txmix_hook.finding import Finding
from txmix_hook.report import concise, full, github, gitlab, json_format, json_lines, junit, sarif
from txmix_hook.report.errors import FileError


@dataclass(frozen=True)
class ReportContext:
    lines_of: Callable[[str], list[str]]
    rule_descriptors: Callable[[], list[dict[str, Any]]]
    errors: Sequence[FileError] = field(default_factory=tuple)  # files that could not be checked


Renderer = Callable[[Sequence[Finding], ReportContext], str]

FORMATS: dict[str, Renderer] = {
    "concise": lambda findings, _ctx: concise.render(findings),
    "full": lambda findings, ctx: full.render(findings, ctx.lines_of),
    "json": lambda findings, ctx: json_format.render(findings, ctx.errors),
    "json-lines": lambda findings, ctx: json_lines.render(findings, ctx.errors),
    "sarif": lambda findings, ctx: sarif.render_with(ctx.rule_descriptors)(findings, ctx.errors),
    "github": lambda findings, ctx: github.render(findings, ctx.errors),
    "junit": lambda findings, ctx: junit.render(findings, ctx.errors),
    "gitlab": lambda findings, ctx: gitlab.render(findings, ctx.errors),
}
