"""Baselines: adopt txmix today, report only findings that are new since the baseline.

A finding's fingerprint hashes its rule, file, scope and the normalised source of its two
sides, never line numbers, so unrelated edits that shift lines keep it matched.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from txmix_hook.edits import write_atomic
from txmix_hook.finding import Finding

BASELINE_VERSION = 1


class BaselineError(Exception):
    pass


def fingerprint_findings(
    findings: Sequence[Finding], lines: Sequence[str], lines_of: Callable[[str], Sequence[str]] | None = None
) -> list[Finding]:
    """Give each finding of one file its fingerprint (``#2``, ``#3`` for identical repeats).

    A related location in another file (a helper the finding's function calls) is read from
    that file (``lines_of``), never from this one.
    """
    seen: Counter[str] = Counter()
    result = []
    for finding in findings:
        parts = [finding.code, finding.filename, finding.scope_name, _normalised(lines, finding.location.row)]
        for r in finding.related:
            own = lines if r.filename == finding.filename else (lines_of(r.filename) if lines_of is not None else [])
            parts.append(_normalised(own, r.location.row))
        digest = hashlib.sha256(json.dumps(parts).encode("utf-8")).hexdigest()[:32]
        seen[digest] += 1
        result.append(replace(finding, fingerprint=digest if seen[digest] == 1 else f"{digest}#{seen[digest]}"))
    return result


def _normalised(lines: Sequence[str], row: int) -> str:
    return " ".join(lines[row - 1].split()) if 0 < row <= len(lines) else ""


@dataclass
class BaselineComparison:
    new: list[Finding]
    known: int
    fixed: list[dict[str, str]]


def write_baseline(path: Path, findings: Sequence[Finding]) -> None:
    entries = [
        {"fingerprint": f.fingerprint, "code": f.code, "filename": f.filename, "scope": f.scope_name, "message": f.message}
        for f in sorted(findings, key=lambda f: f.sort_key)
    ]
    body = json.dumps({"txmix-baseline": BASELINE_VERSION, "findings": entries}, indent=2) + "\n"
    write_atomic(path, body.encode("utf-8"))


def load_baseline(path: Path) -> list[dict[str, str]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"{path}: baseline not found (create it with --write-baseline)") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{path}:{exc.lineno}:{exc.colno}: invalid JSON: {exc.msg}") from None
    except RecursionError:  # the json module recurses once per nested array or object
        raise BaselineError(f"{path}:1:1: invalid baseline: JSON nested too deeply to read") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: cannot read baseline: {exc}") from None
    if not isinstance(data, dict) or data.get("txmix-baseline") != BASELINE_VERSION or not isinstance(data.get("findings"), list):
        raise BaselineError(f"{path}: not a txmix baseline (version {BASELINE_VERSION})")
    entries = data["findings"]
    if not all(isinstance(e, dict) and isinstance(e.get("fingerprint"), str) for e in entries):
        raise BaselineError(f"{path}: every baseline entry needs a string fingerprint")
    return entries


def compare(findings: Sequence[Finding], entries: Sequence[dict[str, str]]) -> BaselineComparison:
    remaining = Counter(e["fingerprint"] for e in entries)
    new, known = [], 0
    for finding in findings:
        if remaining[finding.fingerprint] > 0:
            remaining[finding.fingerprint] -= 1
            known += 1
        else:
            new.append(finding)
    fixed = []
    for entry in entries:
        if remaining[entry["fingerprint"]] > 0:
            remaining[entry["fingerprint"]] -= 1
            fixed.append(entry)
    return BaselineComparison(new, known, fixed)
