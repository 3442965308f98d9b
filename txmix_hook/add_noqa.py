"""``txmix check --add-noqa``: silence every current finding with a ``# txmix: ignore[CODE]``.

The comment goes on the finding's line, merged into a ``# txmix: ignore[...]`` already there.
A line that ends in a backslash or inside a multi-line string cannot take a comment, so the
related (ORM) line or the ``def`` line is used instead: suppressions are honoured on all three.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from tree_sitter import Node

from txmix_hook.edits import Edit, apply_edits
from txmix_hook.engine.comments import comment_nodes, to_comments
from txmix_hook.engine.parse import parse
from txmix_hook.engine_rules import UNUSED_SUPPRESSION
from txmix_hook.finding import Finding, Location
from txmix_hook.runner import FileOutcome
from txmix_hook.source import SourceFile
from txmix_hook.suppress import Directive, parse_directives
from txmix_hook.write_back import WriteReport


@dataclass
class NoqaReport:
    added: int = 0
    files: int = 0
    unplaceable: list[str] | None = None
    writes: WriteReport = field(default_factory=WriteReport)


def add_noqa(outcomes: Sequence[FileOutcome]) -> NoqaReport:
    report = NoqaReport(unplaceable=[])
    for outcome in outcomes:
        source = outcome.source
        if not source.writable_newlines:
            assert report.unplaceable is not None
            report.unplaceable.append(f"{source.display}: not changed: it mixes lone CR and LF line endings")
            continue
        edits, added, unplaceable = noqa_edits(source, outcome.findings)
        assert report.unplaceable is not None
        report.unplaceable.extend(unplaceable)
        if not edits:
            continue
        new_text = apply_edits(source.text, edits)
        if report.writes.add(source.display, source.raw, source.encode(new_text), source.path):
            report.added += added
            report.files += 1
    return report


def noqa_edits(source: SourceFile, findings: Sequence[Finding]) -> tuple[list[Edit], int, list[str]]:
    """The edits that silence ``findings`` (also the language server's "ignore" action):
    (edits, codes added, one warning per finding no line of which can take a comment)."""
    tree = parse(source.data)
    lines = source.physical_lines
    codes_by_row: dict[int, list[str]] = defaultdict(list)
    unplaceable: list[str] = []
    for finding in findings:
        if finding.code == UNUSED_SUPPRESSION.id:
            continue
        row = _placeable_row(finding, tree.root_node, source)
        if row is None:
            unplaceable.append(f"{finding.filename}:{finding.location.row}: no line of this finding can take a comment")
            continue
        if finding.code not in codes_by_row[row]:
            codes_by_row[row].append(finding.code)
    if not codes_by_row:
        return [], 0, unplaceable
    directives = [d for d in parse_directives(to_comments(comment_nodes(tree.root_node), source)) if d.style == "txmix"]
    edits = []
    for row, codes in sorted(codes_by_row.items()):
        existing = next((d for d in directives if d.row == row), None)
        edits.append(_edit(row, codes, existing, lines))
    return edits, sum(len(codes) for codes in codes_by_row.values()), unplaceable


def _edit(row: int, codes: list[str], existing: Directive | None, lines: list[str]) -> Edit:
    line = lines[row - 1]
    if existing is not None and existing.codes is not None:
        merged = list(existing.codes) + [c for c in codes if c not in existing.codes]
        reason = f" -- {existing.reason}" if existing.reason else ""
        start = existing.comment.column + existing.start
        return Edit(Location(row, start), Location(row, existing.comment.column + existing.end), f"# txmix: ignore[{', '.join(merged)}]{reason}")
    end = len(line.rstrip("\r"))
    body = line[:end].rstrip()
    return Edit(Location(row, len(body) + 1), Location(row, end + 1), f"  # txmix: ignore[{', '.join(codes)}]")


def _placeable_row(finding: Finding, root: Node, source: SourceFile) -> int | None:
    lines = source.lines
    for row in (finding.location.row, *(r.location.row for r in finding.related), finding.scope_row):
        if 0 < row <= len(lines) and _comment_fits(row, root, source):
            return row
    return None


def _comment_fits(row: int, root: Node, source: SourceFile) -> bool:
    line = source.lines[row - 1]
    if line.rstrip().endswith("\\"):
        return False
    width = source.byte_column(row - 1, len(line))
    node: Node | None = root.descendant_for_point_range((row - 1, max(width - 1, 0)), (row - 1, width))
    while node is not None:
        if node.type == "string" and node.start_point[0] <= row - 1 < node.end_point[0]:
            return False
        node = node.parent
    return True
