"""Applying fixes to files without ever breaking one.

Per file: take the fixes of the allowed applicabilities, accept them in source order unless
their edits overlap an accepted one (the loser is retried next round, after re-checking the
new text), drop any fix whose result no longer parses (with a warning), and loop until
nothing changes (at most ``MAX_ROUNDS``). The caller writes the final text once, atomically.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from txmix_hook.edits import Edit, apply_edits, encode_like, line_starts, offset
from txmix_hook.engine.parse import parse
from txmix_hook.finding import Finding
from txmix_hook.source import SourceError, SourceFile, decode_source

MAX_ROUNDS = 10


@dataclass
class FileFix:
    source: SourceFile
    text: str
    fixed: list[Finding] = field(default_factory=list)
    remaining: list[Finding] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.text != self.source.text

    def encoded(self) -> bytes:
        return encode_like(self.text, self.source.encoding, self.source.raw.startswith(b"\xef\xbb\xbf"))


def fix_file(
    source: SourceFile,
    findings: Sequence[Finding],
    applicable: Callable[[Finding], bool],
    recheck: Callable[[SourceFile], list[Finding]],
) -> FileFix:
    result = FileFix(source, source.text)
    current, current_findings = source, list(findings)
    had_errors = parse(source.data).root_node.has_error
    for _ in range(MAX_ROUNDS):
        candidates = [f for f in current_findings if f.fix is not None and f.fix.edits and applicable(f)]
        accepted: list[Finding] = []
        accepted_edits: list[Edit] = []
        spans: list[tuple[int, int]] = []
        starts = line_starts(current.text)
        for finding in candidates:
            edits = finding.fix.edits if finding.fix is not None else ()
            own = [_span(current.text, starts, e) for e in edits]
            if any(_conflict(a, b) for a in own for b in spans):
                continue
            trial = apply_edits(current.text, [*accepted_edits, *edits])
            if not had_errors and parse(trial.encode("utf-8")).root_node.has_error:
                result.warnings.append(
                    f"{finding.filename}:{finding.location.row}:{finding.location.column}: {finding.code} fix dropped: its result would not parse"
                )
                continue
            accepted.append(finding)
            accepted_edits.extend(edits)
            spans.extend(own)
        if not accepted:
            break
        new_text = apply_edits(current.text, accepted_edits)
        result.fixed.extend(accepted)
        try:
            current = decode_source(encode_like(new_text, source.encoding, False), source.path, source.display)
        except (SourceError, UnicodeEncodeError):  # the file's encoding cannot hold what a fix wrote
            result.warnings.append(f"{source.display}: fixes not applied: the result cannot be saved as {source.encoding}")
            return FileFix(source, source.text, [], list(findings), result.warnings)
        current_findings = recheck(current)
    result.text = current.text
    result.remaining = current_findings
    return result


def _span(text: str, starts: list[int], edit: Edit) -> tuple[int, int]:
    return offset(starts, text, edit.start), offset(starts, text, edit.end)


def _conflict(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Overlapping, or two insertions at one point (their order would be a guess)."""
    if a[0] == a[1] and b[0] == b[1]:
        return a[0] == b[0]
    return a[0] < b[1] and b[0] < a[1] or (a[0] == a[1] and b[0] < a[0] < b[1]) or (b[0] == b[1] and a[0] < b[0] < a[1])
