"""``--output-format sarif``: SARIF 2.1.0, what GitHub code scanning and most SAST tools read.

Rules carry their help text and default level; results carry related locations (the ORM
side and every call on the way, each in its own file) and the same path as a ``codeFlows``
thread, fixes (as artifact changes) and a partial fingerprint that survives line shifts.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from txmix_hook import __version__
from txmix_hook.finding import Finding, Location
from txmix_hook.report.errors import FileError

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_URL_LABELS = ("documentation", "homepage", "repository", "source")


def information_uri(project_urls: Sequence[str] | None = None) -> str | None:
    """The tool's documentation URL, as the package declares it (``[project.urls]``).

    SARIF wants an absolute URI here. txmix has no public home yet, so it declares none and
    the key is left out rather than pointing at a page that does not exist.
    """
    if project_urls is None:
        from importlib import metadata  # only a SARIF report needs it, not every run's start

        try:
            project_urls = metadata.metadata("txmix").get_all("Project-URL") or []
        except metadata.PackageNotFoundError:
            project_urls = []
    by_label = {label.strip().lower(): url.strip() for label, _, url in (entry.partition(",") for entry in project_urls)}
    return next((by_label[label] for label in _URL_LABELS if by_label.get(label)), None)


def _region(start: Location, end: Location) -> dict[str, int]:
    return {"startLine": start.row, "startColumn": start.column, "endLine": end.row, "endColumn": end.column}


def _physical(filename: str, start: Location, end: Location) -> dict[str, Any]:
    return {"artifactLocation": {"uri": filename.replace("\\", "/")}, "region": _region(start, end)}


def _thread(f: Finding) -> list[dict[str, Any]]:
    """The finding's path as one SARIF thread: where it is reported, then each hop in order."""
    steps = [(f.filename, f.location, f.end_location, f.message)]
    steps += [(r.filename, r.location, r.end_location, r.message) for r in f.related]
    return [
        {"location": {"physicalLocation": _physical(name, start, end), "message": {"text": text}}, "nestingLevel": 0, "executionOrder": i}
        for i, (name, start, end, text) in enumerate(steps)
    ]


def _invocation(errors: Sequence[FileError]) -> dict[str, Any]:
    """Files that could not be checked make the run unsuccessful, each as a notification."""
    return {
        "executionSuccessful": not errors,
        "toolExecutionNotifications": [
            {
                "level": "error",
                "message": {"text": e.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": e.filename.replace("\\", "/")},
                    "region": {"startLine": e.row, "startColumn": e.column},
                }}],
            }
            for e in errors
        ],
    }


def render_with(rule_docs: Callable[[], list[dict[str, Any]]]) -> Callable[[Sequence[Finding], Sequence[FileError]], str]:
    def render(findings: Sequence[Finding], errors: Sequence[FileError] = ()) -> str:
        rules = rule_docs()
        index = {rule["id"]: i for i, rule in enumerate(rules)}
        results = []
        for f in findings:
            result: dict[str, Any] = {
                "ruleId": f.code,
                "level": _LEVEL.get(f.severity, "warning"),
                "message": {"text": f.message},
                "locations": [{"physicalLocation": _physical(f.filename, f.location, f.end_location)}],
            }
            if f.code in index:
                result["ruleIndex"] = index[f.code]
            if f.related:
                result["relatedLocations"] = [
                    {"id": i, "physicalLocation": _physical(r.filename, r.location, r.end_location), "message": {"text": r.message}}
                    for i, r in enumerate(f.related)
                ]
                result["codeFlows"] = [{"threadFlows": [{"locations": _thread(f)}]}]
            if f.fingerprint:
                result["partialFingerprints"] = {"txmixFingerprint/v1": f.fingerprint}
            if f.fix is not None and f.fix.edits:
                result["fixes"] = [{
                    "description": {"text": f.fix.message},
                    "artifactChanges": [{
                        "artifactLocation": {"uri": f.filename.replace("\\", "/")},
                        "replacements": [
                            {"deletedRegion": _region(e.start, e.end), "insertedContent": {"text": e.content}} for e in f.fix.edits
                        ],
                    }],
                }]
            results.append(result)
        driver: dict[str, Any] = {"name": "txmix", "version": __version__, "rules": rules}
        uri = information_uri()
        if uri is not None:
            driver["informationUri"] = uri
        log = {
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": driver},
                "invocations": [_invocation(errors)],
                "columnKind": "unicodeCodePoints",
                "results": results,
            }],
        }
        return json.dumps(log, indent=2) + "\n"

    return render


def rule_descriptor(rule_id: str, name: str, severity: str, docs: dict[str, str]) -> dict[str, Any]:
    text = "\n\n".join(docs[k].strip() for k in ("what", "why") if k in docs)
    markdown = "\n\n".join(
        f"## {title}\n\n" + (f"```python\n{docs[key].rstrip()}\n```" if key in ("example", "use-instead") else docs[key].strip())
        for title, key in (("What it does", "what"), ("Why is this bad?", "why"), ("Example", "example"), ("Use instead", "use-instead"), ("Fix safety", "fix-safety"))
        if key in docs
    )
    return {
        "id": rule_id,
        "name": name,
        "shortDescription": {"text": " ".join(docs.get("what", name).split())},
        "fullDescription": {"text": " ".join(text.split())},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": _LEVEL.get(severity, "warning")},
    }
