"""Applying fixes to files without ever breaking one.

Per file, in rounds: take the fixes of the allowed applicabilities; drop a fix whose own edits
overlap each other (identical duplicates are merged first); accept the rest in source order
unless their edits overlap an accepted one (the loser is retried next round, after re-checking
the new text); drop any fix whose result CPython would not compile (with a warning naming the
file, position and rule). Loop until nothing changes. ``MAX_ROUNDS`` is far above what any
real file needs (each round fixes at least one finding); reaching it is reported, never silent.

A file that does not compile to begin with gets no fixes at all: there is no way to tell a
new error from the old one reliably, and "never make a file worse" beats fixing around it.
A file mixing lone CR and LF line endings is not fixed either: the text could not be written
back with its line endings as they were. The caller writes the final text once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from txmix_hook.edits import Edit, apply_edits, line_starts, merged_edits, offset
from txmix_hook.finding import Finding
from txmix_hook.fixes.compiles import compile_error
from txmix_hook.fixes.imports import unused_import_edits
from txmix_hook.source import SourceFile

MAX_ROUNDS = 200


@dataclass
class FileFix:
    source: SourceFile
    text: str
    fixed: list[Finding] = field(default_factory=list)
    remaining: list[Finding] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    original: list[Finding] = field(default_factory=list)  # the findings before any fix

    @property
    def changed(self) -> bool:
        return self.text != self.source.text

    def encoded(self) -> bytes:
        return self.source.encode(self.text)


def fix_file(
    source: SourceFile,
    findings: Sequence[Finding],
    applicable: Callable[[Finding], bool],
    recheck: Callable[[SourceFile], list[Finding]],
) -> FileFix:
    result = FileFix(source, source.text, remaining=list(findings), original=list(findings))
    if not any(f.fix is not None and f.fix.edits and applicable(f) for f in findings):
        return result
    refusal = _refusal(source)
    if refusal is not None:
        result.warnings.append(f"{source.display}: not fixed: {refusal}")
        return result
    current, current_findings = source, list(findings)
    dropped: set[tuple[str, str]] = set()
    for _ in range(MAX_ROUNDS):
        candidates = [
            f for f in current_findings
            if f.fix is not None and f.fix.edits and applicable(f) and (f.code, f.fingerprint) not in dropped
        ]
        accepted, accepted_edits = _accept(current, candidates, result, dropped)
        if not accepted:
            break
        new_text = apply_edits(current.text, accepted_edits)
        if new_text == current.text:
            break
        try:
            current.encode(new_text)
        except UnicodeEncodeError:  # the file's encoding cannot hold what a fix wrote
            result.warnings.append(f"{source.display}: fixes not applied: the result cannot be saved as {source.encoding}")
            return FileFix(source, source.text, [], list(findings), result.warnings, list(findings))
        result.fixed.extend(accepted)
        current = current.with_text(new_text)
        current_findings = recheck(current)
    else:
        result.warnings.append(
            f"{source.display}: no fixed point reached after {MAX_ROUNDS} rounds of fixes; run --fix again and report this"
        )
    if result.fixed:
        current, current_findings = _drop_orphaned_imports(source, current, current_findings, recheck)
    result.text = current.text
    result.remaining = current_findings
    return result


def _drop_orphaned_imports(
    source: SourceFile, current: SourceFile, findings: list[Finding], recheck: Callable[[SourceFile], list[Finding]]
) -> tuple[SourceFile, list[Finding]]:
    """Remove the imports the fixes left unused (ruff F401 would flag them), if the result still compiles."""
    edits = unused_import_edits(source, current)
    if not edits:
        return current, findings
    new_text = apply_edits(current.text, edits)
    if compile_error(new_text, current.display) is not None:
        return current, findings
    fixed = current.with_text(new_text)
    return fixed, recheck(fixed)


def _refusal(source: SourceFile) -> str | None:
    if not source.writable_newlines:
        return "it mixes lone CR and LF line endings; normalise them first"
    error = compile_error(source.text, source.display)
    return f"it does not compile ({error}); fix that first" if error is not None else None


def _accept(
    current: SourceFile, candidates: list[Finding], result: FileFix, dropped: set[tuple[str, str]]
) -> tuple[list[Finding], list[Edit]]:
    accepted: list[Finding] = []
    accepted_edits: list[Edit] = []
    spans: list[tuple[int, int]] = []
    starts = line_starts(current.text)
    for finding in candidates:
        where = f"{finding.filename}:{finding.location.row}:{finding.location.column}: {finding.code} fix dropped"
        edits = merged_edits(current.text, finding.fix.edits if finding.fix is not None else ())
        if edits is None:
            result.warnings.append(f"{where}: its own edits overlap")
            dropped.add((finding.code, finding.fingerprint))
            continue
        own = [_span(current.text, starts, e) for e in edits]
        if any(_conflict(a, b) for a in own for b in spans):
            continue
        error = compile_error(apply_edits(current.text, [*accepted_edits, *edits]), current.display)
        if error is not None and accepted_edits and compile_error(apply_edits(current.text, edits), current.display) is None:
            continue  # fine alone, not together with this round's others: retried on the new text
        if error is not None:
            result.warnings.append(f"{where}: its result would not compile ({error})")
            dropped.add((finding.code, finding.fingerprint))
            continue
        accepted.append(finding)
        accepted_edits.extend(edits)
        spans.extend(own)
    return accepted, accepted_edits


def _span(text: str, starts: list[int], edit: Edit) -> tuple[int, int]:
    return offset(starts, text, edit.start), offset(starts, text, edit.end)


def _conflict(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Overlapping, or an insertion at a point another edit starts at or spans (the order of the
    two, e.g. a line inserted before a line another fix re-indents, would be a guess)."""
    if a[0] == a[1]:
        return b[0] <= a[0] < b[1] or a[0] == b[0]
    if b[0] == b[1]:
        return a[0] <= b[0] < a[1]
    return a[0] < b[1] and b[0] < a[1]
