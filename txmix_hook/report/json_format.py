"""The JSON report: a stable, documented list of objects (see README, "JSON output")."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from txmix_hook.finding import Finding, Location
from txmix_hook.report.errors import FileError


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


def error_to_dict(error: FileError) -> dict[str, Any]:
    """A file that could not be checked: ``code`` null, as ruff reports what it cannot analyse."""
    where = Location(error.row, error.column)
    return {
        "code": None,
        "message": error.message,
        "severity": "error",
        "filename": error.filename,
        "location": _loc(where),
        "end_location": _loc(where),
        "scope": None,
        "related": [],
        "fix": None,
    }


def render(findings: Sequence[Finding], errors: Sequence[FileError] = ()) -> str:
    return json.dumps([*map(error_to_dict, errors), *map(finding_to_dict, findings)], indent=2) + "\n"
