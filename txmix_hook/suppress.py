"""Inline and file-level suppression comments, and the report of those that suppress nothing.

Honoured on the finding's line, on any related (ORM-side) line in the same file and on the
scope's ``def`` line: whichever a team finds most natural to annotate. A related location in
another file belongs to that file's comments, not this one's. Only real comments count (they come
from tree-sitter ``comment`` nodes), so the same text inside a string does nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from txmix_hook.edits import Edit, Fix
from txmix_hook.engine.comments import Comment
from txmix_hook.engine_rules import UNUSED_SUPPRESSION
from txmix_hook.finding import Finding, Location

_TXMIX = re.compile(
    r"#\s*txmix:\s*(?P<kind>ignore-file|ignore)\b(?:\[(?P<codes>[^\]]*)\])?(?P<reason>\s*--\s*(?:(?!#).)*)?",
    re.IGNORECASE,
)
_NOQA = re.compile(r"#\s*noqa\b(?::\s*(?P<codes>[A-Za-z]+[0-9]+(?:[\s,]+[A-Za-z]+[0-9]+)*))?", re.IGNORECASE)
_OUR_CODE = re.compile(r"^TXM[0-9]+$")
# In a file without findings only a txmix directive or a noqa naming one of our codes can be
# reported (as unused): every such comment holds one of these (with the folding used above).
_REPORTABLE = re.compile(r"(?i:txmix)|TXM")


@dataclass
class Directive:
    comment: Comment
    start: int  # offset of the directive inside the comment text
    end: int
    style: str  # "txmix" | "noqa" | "file"
    codes: tuple[str, ...] | None  # None: every rule
    foreign_codes: tuple[str, ...] = ()  # other tools' codes sharing the same noqa comment
    reason: str = ""
    used: set[str] = field(default_factory=set)

    @property
    def row(self) -> int:
        return self.comment.row

    def covers(self, code: str) -> bool:
        return self.codes is None or code in self.codes


def may_report_unused(comments: Sequence[Comment]) -> bool:
    """Can these comments give a finding in a file that has none? Not when they are only bare
    or other tools' ``noqa`` comments, as in most files that have any: those are not parsed."""
    return _REPORTABLE.search("\n".join([comment.text for comment in comments])) is not None


def parse_directives(comments: Iterable[Comment]) -> list[Directive]:
    directives: list[Directive] = []
    for comment in map(_without_cr, comments):
        for found in _TXMIX.finditer(comment.text):
            codes = _split_codes(found.group("codes")) if found.group("codes") is not None else None
            style = "file" if found.group("kind").lower() == "ignore-file" else "txmix"
            reason = (found.group("reason") or "").strip().removeprefix("--").strip()
            directives.append(Directive(comment, found.start(), found.end(), style, codes, (), reason))
        for found in _NOQA.finditer(comment.text):
            if found.group("codes") is None:
                directives.append(Directive(comment, found.start(), found.end(), "noqa", None))
                continue
            all_codes = _split_codes(found.group("codes"))
            ours = tuple(c for c in all_codes if _OUR_CODE.match(c))
            if ours:
                foreign = tuple(c for c in all_codes if not _OUR_CODE.match(c))
                directives.append(Directive(comment, found.start(), found.end(), "noqa", ours, foreign))
    return directives


def _without_cr(comment: Comment) -> Comment:
    """tree-sitter ends a comment at "\\n", so on a CRLF line it holds the "\\r": not ours to edit."""
    if not comment.text.endswith("\r"):
        return comment
    body = comment.text.rstrip("\r")
    return replace(comment, text=body, end_column=comment.column + len(body))


def _split_codes(raw: str) -> tuple[str, ...]:
    return tuple(c for c in re.split(r"[\s,]+", raw.strip()) if c)


@dataclass
class SuppressionResult:
    kept: list[Finding]
    suppressed: int
    unused: list[Finding]


def apply_suppressions(
    findings: Sequence[Finding],
    directives: Sequence[Directive],
    first_code_row: int,
    lines: Callable[[], Sequence[str]],
    known_codes: Iterable[str],
    enabled_codes: Iterable[str],
    filename: str,
) -> SuppressionResult:
    by_row: dict[int, list[Directive]] = {}
    file_level = [d for d in directives if d.style == "file" and d.row < first_code_row]
    for directive in directives:
        if directive.style != "file":
            by_row.setdefault(directive.row, []).append(directive)
    kept: list[Finding] = []
    suppressed = 0
    for finding in findings:
        rows = [finding.location.row, *(r.location.row for r in finding.related if r.filename == finding.filename), finding.scope_row]
        candidates = file_level + [d for row in dict.fromkeys(rows) for d in by_row.get(row, [])]
        matched = [d for d in candidates if d.covers(finding.code)]
        for directive in matched:
            directive.used.add(finding.code)
        if matched:
            suppressed += 1
        else:
            kept.append(finding)
    return SuppressionResult(kept, suppressed, _unused(directives, first_code_row, lines, set(known_codes), set(enabled_codes), filename))


def _unused(directives: Sequence[Directive], first_code_row: int, lines: Callable[[], Sequence[str]], known: set[str], enabled: set[str], filename: str) -> list[Finding]:
    if UNUSED_SUPPRESSION.id not in enabled:
        return []
    results = []
    for directive in directives:
        shown = directive.comment.text[directive.start : directive.end].strip()
        if directive.style == "file" and directive.row >= first_code_row:
            results.append(_finding(directive, f"`{shown}` is ignored: file-level suppressions belong in the file's first comment block; move it there or remove it", list(directive.codes or ()), lines, filename))
            continue
        if directive.codes is None:
            if directive.style != "noqa" and not directive.used:
                results.append(_finding(directive, f"unused suppression `{shown}`: nothing is reported here; remove it", (), lines, filename))
            continue
        unknown = [c for c in directive.codes if c not in known]
        unused = [c for c in directive.codes if c in known and c in enabled and c not in directive.used]
        if unknown:
            results.append(_finding(directive, f"suppression `{shown}` names unknown rule code{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}; remove or correct it", unknown + unused, lines, filename))
        elif unused:
            results.append(_finding(directive, f"unused suppression code{'s' if len(unused) > 1 else ''} {', '.join(unused)} in `{shown}`: no such finding here; remove {'them' if len(unused) > 1 else 'it'}", unused, lines, filename))
    return results


def _finding(directive: Directive, message: str, drop: Sequence[str], lines: Callable[[], Sequence[str]], filename: str) -> Finding:
    comment = directive.comment
    start = Location(comment.row, comment.column + directive.start)
    end = Location(comment.row, comment.column + directive.end)
    return Finding(
        code=UNUSED_SUPPRESSION.id,
        message=message,
        severity=UNUSED_SUPPRESSION.severity,
        filename=filename,
        location=start,
        end_location=end,
        scope_name="<module>",
        scope_kind="module",
        fix=_removal_fix(directive, drop, lines()),
        scope_row=comment.row,
    )


def _removal_fix(directive: Directive, drop: Sequence[str], lines: Sequence[str]) -> Fix:
    comment = directive.comment
    remaining = tuple(c for c in directive.codes or () if c not in drop)
    if remaining or directive.foreign_codes:
        if directive.style == "noqa":
            replacement = "# noqa: " + ", ".join(directive.foreign_codes + remaining)
        else:
            keyword = "ignore-file" if directive.style == "file" else "ignore"
            replacement = f"# txmix: {keyword}[{', '.join(remaining)}]" + (f" -- {directive.reason}" if directive.reason else "")
        text = comment.text[: directive.start] + replacement + comment.text[directive.end :]
        message = f"Remove {', '.join(drop)} from the suppression"
    else:
        before, after = comment.text[: directive.start].rstrip(), comment.text[directive.end :].strip()
        if after and not before:  # the directive opened the comment: what follows stays a comment
            after = after if after.startswith("#") else f"# {after}"
        text = f"{before}  {after}" if before and after else (before or after)
        message = "Remove the unused suppression"
    line = lines[comment.row - 1] if comment.row - 1 < len(lines) else ""
    start, end = Location(comment.row, comment.column), Location(comment.row, comment.end_column)
    if text in ("", "#"):
        text = ""
        code_part = line[: comment.column - 1]
        if code_part.strip():
            start = Location(comment.row, len(code_part.rstrip()) + 1)
        else:  # the comment is the whole line: remove the line
            start, end = Location(comment.row, 1), Location(comment.row + 1, 1)
    return Fix(message, "safe", (Edit(start, end, text),))
