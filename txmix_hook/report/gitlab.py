"""``--output-format gitlab``: GitLab Code Quality JSON (a list of issues)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from txmix_hook.finding import Finding

_SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def render(findings: Sequence[Finding]) -> str:
    issues = [
        {
            "type": "issue",
            "check_name": f.code,
            "description": f"{f.code} {f.message}",
            "categories": ["Bug Risk"],
            "severity": _SEVERITY.get(f.severity, "minor"),
            "fingerprint": f.fingerprint or f"{f.code}:{f.filename}:{f.location.row}:{f.location.column}",
            "location": {"path": f.filename, "lines": {"begin": f.location.row, "end": f.end_location.row}},
        }
        for f in findings
    ]
    return json.dumps(issues, indent=2) + "\n"
