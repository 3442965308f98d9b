"""``path:line:col: CODE message``: one line per finding, clickable in editors and CI logs."""

from __future__ import annotations

from collections.abc import Sequence

from txmix_hook.finding import Finding


def render(findings: Sequence[Finding]) -> str:
    return "".join(f"{f.filename}:{f.location.row}:{f.location.column}: {f.code} {f.message}\n" for f in findings)
