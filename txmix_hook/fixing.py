"""``--fix`` / ``--unsafe-fixes`` / ``--diff``: fixes over a whole run, and how they are reported."""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Callable, Sequence

from txmix_hook.finding import Finding, fixable_counts  # noqa: F401 - re-exported
from txmix_hook.fixes.apply import FileFix, fix_file
from txmix_hook.runner import Checker, FileOutcome
from txmix_hook.write_back import WriteReport


def applicable(unsafe: bool) -> Callable[[Finding], bool]:
    allowed = {"safe", "unsafe"} if unsafe else {"safe"}
    return lambda finding: finding.fix is not None and finding.fix.applicability in allowed


def fix_outcomes(outcomes: Sequence[FileOutcome], checker: Checker, unsafe: bool) -> list[FileFix]:
    return [
        fix_file(outcome.source, outcome.findings, applicable(unsafe), lambda source: checker.check_source(source).findings)
        for outcome in outcomes
    ]


def write_fixed(files: list[FileFix]) -> WriteReport:
    """Write every changed file; one that cannot be written goes back to its findings as read."""
    report = WriteReport()
    for index, file_fix in enumerate(files):
        if not file_fix.changed:
            continue
        source = file_fix.source
        if not report.add(source.display, source.raw, file_fix.encoded(), source.path):
            files[index] = FileFix(source, source.text, [], file_fix.original, file_fix.warnings, file_fix.original)
    return report


def unified_diff(file_fix: FileFix) -> str:
    name = file_fix.source.display
    lines = difflib.unified_diff(
        file_fix.source.text.splitlines(keepends=True), file_fix.text.splitlines(keepends=True), f"a/{name}", f"b/{name}"
    )
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def show_fixes(files: Sequence[FileFix]) -> str:
    fixed = [f for file_fix in files for f in file_fix.fixed]
    if not fixed:
        return "No findings fixed.\n"
    out = [f"Fixed {len(fixed)} finding{'s' if len(fixed) != 1 else ''}:\n"]
    for file_fix in files:
        if not file_fix.fixed:
            continue
        out.append(f"- {file_fix.source.display}:\n")
        for code, count in sorted(Counter(f.code for f in file_fix.fixed).items()):
            out.append(f"    {count} × {code}\n")
    return "".join(out)
