"""``--output-format full``: each finding with its source lines, carets, its path, and the suggestion.

Related locations in the finding's own file are quoted with carets; every hop of the path
(calls into other modules, the session's use) also gets one ``= path:`` line naming its file.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from txmix_hook.finding import Finding, Location


def render(findings: Sequence[Finding], lines_of: Callable[[str], list[str]]) -> str:
    out: list[str] = []
    for finding in findings:
        lines = lines_of(finding.filename)
        out.append(f"{finding.filename}:{finding.location.row}:{finding.location.column}: {finding.code} {finding.message}\n")
        marks = [(r.location, r.end_location, r.message) for r in finding.related if r.filename == finding.filename]
        marks.append((finding.location, finding.end_location, finding.code))
        width = len(str(max(loc.row for loc, _, _ in marks)))
        out.append(f"{' ' * width} |\n")
        for start, end, label in sorted(marks, key=lambda m: m[0]):
            out.append(_snippet(lines, start, end, label, width))
        out.append(f"{' ' * width} |\n")
        for r in finding.related:  # the whole path, one line per hop, in whichever file it is
            out.append(f"{' ' * width} = path: {r.filename}:{r.location.row}:{r.location.column}: {r.message}\n")
        if finding.fix is not None:
            kind = {"safe": "fix", "unsafe": "unsafe fix (--unsafe-fixes)"}.get(finding.fix.applicability, "help")
            out.append(f"{' ' * width} = {kind}: {finding.fix.message}\n")
        out.append("\n")
    return "".join(out)


def _snippet(lines: list[str], start: Location, end: Location, label: str, width: int) -> str:
    line = lines[start.row - 1].rstrip("\r") if 0 < start.row <= len(lines) else ""
    last = end.column if end.row == start.row else len(line) + 1
    caret = " " * (start.column - 1) + "^" * max(1, last - start.column)
    return f"{start.row:>{width}} | {line}\n{' ' * width} | {caret} {label}\n"
