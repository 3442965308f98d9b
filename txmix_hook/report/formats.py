"""The registry of ``--output-format`` names.

Every format takes the findings and a way to read a reported file's lines (``full`` quotes
the source; the others ignore it).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from txmix_hook.finding import Finding
from txmix_hook.report import concise, full, json_format

Renderer = Callable[[Sequence[Finding], Callable[[str], list[str]]], str]

FORMATS: dict[str, Renderer] = {
    "concise": lambda findings, _lines: concise.render(findings),
    "full": full.render,
    "json": lambda findings, _lines: json_format.render(findings),
}
