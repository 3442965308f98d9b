"""``--output-format github``: workflow commands that annotate the pull request diff."""

from __future__ import annotations

from collections.abc import Sequence

from txmix_hook.finding import Finding
from txmix_hook.report.errors import FileError

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def render(findings: Sequence[Finding], errors: Sequence[FileError] = ()) -> str:
    lines = [
        f"::error file={_property(e.filename)},line={e.row},col={e.column},title=txmix::{_data(f'could not check: {e.message}')}\n"
        for e in errors
    ]
    for f in findings:
        props = (
            f"file={_property(f.filename)},line={f.location.row},col={f.location.column},"
            f"endLine={f.end_location.row},endColumn={f.end_location.column},title={_property(f.code)}"
        )
        lines.append(f"::{_LEVEL.get(f.severity, 'warning')} {props}::{_data(f'{f.code} {f.message}')}\n")
    return "".join(lines)
