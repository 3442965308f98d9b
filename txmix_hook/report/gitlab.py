"""``--output-format gitlab``: GitLab Code Quality JSON (a list of issues)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from txmix_hook.finding import Finding
from txmix_hook.report.errors import FileError

_SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def render(findings: Sequence[Finding], errors: Sequence[FileError] = ()) -> str:
    skipped = [
        {
            "type": "issue",
            "check_name": "txmix-error",
            "description": f"could not check: {e.message}",
            "categories": ["Bug Risk"],
            "severity": "blocker",
            "fingerprint": e.fingerprint,
            "location": {"path": e.filename, "lines": {"begin": e.row, "end": e.row}},
        }
        for e in errors
    ]
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
    return json.dumps(skipped + issues, indent=2) + "\n"
