"""The registry of ``--output-format`` names."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from txmix_hook.finding import Finding
from txmix_hook.report import concise, json_format

FORMATS: dict[str, Callable[[Sequence[Finding]], str]] = {
    "concise": concise.render,
    "json": json_format.render,
}
