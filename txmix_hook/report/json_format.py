"""The JSON report: a stable, documented list of objects (see README, "JSON output")."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from txmix_hook.finding import Finding, Location


def _loc(location: Location) -> dict[str, int]:
    return {"row": location.row, "column": location.column}


def finding_to_dict(f: Finding) -> dict[str, Any]:
    return {
        "code": f.code,
        "message": f.message,
        "severity": f.severity,
        "filename": f.filename,
        "location": _loc(f.location),
        "end_location": _loc(f.end_location),
        "scope": {"name": f.scope_name, "kind": f.scope_kind},
        "related": [
            {"filename": r.filename, "location": _loc(r.location), "end_location": _loc(r.end_location), "message": r.message}
            for r in f.related
        ],
        "fix": f.fix.to_dict() if f.fix is not None else None,
    }


def render(findings: Sequence[Finding]) -> str:
    return json.dumps([finding_to_dict(f) for f in findings], indent=2) + "\n"
