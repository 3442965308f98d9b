"""The registry of ``--output-format`` names.

Every format takes the findings and a ``ReportContext``: a way to read a reported file's lines
(``full`` quotes the source), the rules' documentation (``sarif`` embeds it) and the files that
could not be checked (machine formats carry them; people read them on stderr).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from types import ModuleType
from typing import TYPE_CHECKING, Any

from txmix_hook.finding import Finding

if TYPE_CHECKING:
    from txmix_hook.report.errors import FileError


@dataclass(frozen=True)
class ReportContext:
    lines_of: Callable[[str], list[str]]
    rule_descriptors: Callable[[], list[dict[str, Any]]]
    errors: Sequence[FileError] = field(default_factory=tuple)  # files that could not be checked


Renderer = Callable[[Sequence[Finding], ReportContext], str]



def _module(name: str) -> ModuleType:
    """A format's module, imported when that format is used: a run pays only for its own."""
    return importlib.import_module(f"txmix_hook.report.{name}")


FORMATS: dict[str, Renderer] = {
    "concise": lambda findings, _ctx: _module("concise").render(findings),
    "full": lambda findings, ctx: _module("full").render(findings, ctx.lines_of),
    "json": lambda findings, ctx: _module("json_format").render(findings, ctx.errors),
    "json-lines": lambda findings, ctx: _module("json_lines").render(findings, ctx.errors),
    "sarif": lambda findings, ctx: _module("sarif").render_with(ctx.rule_descriptors)(findings, ctx.errors),
    "github": lambda findings, ctx: _module("github").render(findings, ctx.errors),
    "junit": lambda findings, ctx: _module("junit").render(findings, ctx.errors),
    "gitlab": lambda findings, ctx: _module("gitlab").render(findings, ctx.errors),
}
