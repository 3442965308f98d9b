"""Line-aware rewrites of one scope, collected first and turned into non-overlapping edits.

A fix both replaces expressions and removes or dedents whole lines (unwrapping ``with``
blocks); collecting those per row first is what keeps the edits from overlapping.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from tree_sitter import Node

from txmix_hook.edits import Edit
from txmix_hook.finding import Location
from txmix_hook.fixes.imports import line_limit
from txmix_hook.source import SourceFile


@dataclass
class Rewrite:
    source: SourceFile
    replacements: list[tuple[Node, str]] = field(default_factory=list)
    span_replacements: list[tuple[tuple[int, int], tuple[int, int], str]] = field(default_factory=list)  # byte points
    deleted_rows: set[int] = field(default_factory=set)  # 0-based
    dedent: dict[int, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))  # (old, new) prefix
    strict_rows: set[int] = field(default_factory=set)  # rows that start a logical line: indentation matters
    inserts: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    protected_rows: set[int] = field(default_factory=set)  # inside multi-line strings: never dedented
    # (node, one-line text, then its wrapped form: opening, one line per item, closing)
    breakable: list[tuple[Node, str, str, list[str], str]] = field(default_factory=list)

    def replace(self, node: Node, content: str) -> None:
        self.replacements.append((node, content))

    def replace_call(self, node: Node, callee: str, args: list[str]) -> None:
        """``node`` becomes ``callee(args)``, one argument a line if one line would be too long."""
        self.breakable.append((node, f"{callee}({', '.join(args)})", f"{callee}(", [f"{a}," for a in args], ")"))

    def replace_expression(self, node: Node, expression: str) -> None:
        """``node`` becomes ``expression``; where the line would be too long, its outer parentheses
        (added if it has none) are opened onto their own lines, which Python reads as one line."""
        if expression.startswith("(") and (close := _closing(expression)) is not None:
            self.breakable.append((node, expression, "(", [expression[1:close]], expression[close:]))
        else:
            self.breakable.append((node, expression, "(", [expression], ")"))

    def replace_span(self, start: tuple[int, int], end: tuple[int, int], content: str) -> None:
        self.span_replacements.append((start, end, content))

    def delete_statement(self, statement: Node) -> None:
        """Remove a statement's lines; a statement sharing its line becomes ``pass``."""
        lines = self.source.physical_lines
        first, last = statement.start_point[0], statement.end_point[0]
        own = lines[first][: self.source_col(first, statement.start_point[1])].strip() == "" and lines[last][
            self.source_col(last, statement.end_point[1]) :
        ].strip().rstrip("\r") in ("", ";")
        if own:
            self.deleted_rows.update(range(first, last + 1))
        else:
            self.replace(statement, "pass")

    def unwrap_block(self, header_start_row: int, header_end_row: int, block: Node, old: str, new: str) -> None:
        """Drop header rows and re-indent the block from ``old`` to ``new``."""
        self.deleted_rows.update(range(header_start_row, header_end_row + 1))
        self.dedent_block(block, old, new)

    def dedent_block(self, block: Node, old: str, new: str) -> None:
        """Each row's leading ``old`` becomes ``new``: the exact characters, so a body indented
        with a tab and spaces keeps its shape (removing N characters could leave a TabError)."""
        for row in range(block.start_point[0], block.end_point[0] + 1):
            self.dedent[row].append((old, new))
        self.strict_rows.update(_logical_line_rows(block, self.source))

    def covers(self, node: Node) -> bool:
        """Whether ``node`` lies in a row this rewrite deletes or inside a span it replaces."""
        if any(row in self.deleted_rows for row in range(node.start_point[0], node.end_point[0] + 1)):
            return True
        spans = [(n.start_point, n.end_point) for n, _ in self.replacements] + [(a, b) for a, b, _ in self.span_replacements]
        spans += [(n.start_point, n.end_point) for n, *_ in self.breakable]
        return any(a <= node.start_point and node.end_point <= b for a, b in spans)

    def insert_before(self, row: int, statement: str) -> None:
        """``statement`` on its own line before ``row``, indented as ``row`` ends up (after dedents)."""
        self.inserts[row].append(statement)

    def source_col(self, row: int, byte_col: int) -> int:
        return self.source.column(row, byte_col) - 1

    def protect_strings(self, scope: Node) -> None:
        stack = [scope]
        while stack:
            node = stack.pop()
            if node.type == "string" and node.end_point[0] > node.start_point[0]:
                self.protected_rows.update(range(node.start_point[0] + 1, node.end_point[0] + 1))
                continue
            stack.extend(node.children)

    def block_becomes_empty(self, block: Node) -> bool:
        statements = [c for c in block.named_children if c.type != "comment"]
        return all(all(r in self.deleted_rows for r in range(s.start_point[0], s.end_point[0] + 1)) for s in statements)

    def edits(self, newline: str) -> list[Edit] | None:
        """The edits, or None when a row that starts a statement is not indented as its block."""
        lines = self.source.physical_lines
        edits: list[Edit] = []
        for row in sorted(self.deleted_rows):
            edits.append(Edit(Location(row + 1, 1), Location(row + 2, 1), ""))
        for row, pairs in self.dedent.items():
            if row in self.deleted_rows or row in self.protected_rows or row >= len(lines) or lines[row].strip() == "":
                continue
            line = lines[row]
            indent = line[: len(line) - len(line.lstrip(" \t"))]
            new = _reindent(indent, pairs)
            if new is None:
                if row in self.strict_rows:
                    return None
                continue  # a continuation line inside brackets: Python ignores its indentation
            if new != indent:
                edits.append(Edit(Location(row + 1, 1), Location(row + 1, len(indent) + 1), new))
        for node, content in self.replacements:
            edits.append(Edit(self._loc(node.start_point), self._loc(node.end_point), content))
        for start, end, content in self.span_replacements:
            edits.append(Edit(self._loc(start), self._loc(end), content))
        for node, one_line, head, items, tail in self.breakable:
            content = self._within_limit(node, one_line, head, items, tail, newline)
            if content is None:
                return None
            edits.append(Edit(self._loc(node.start_point), self._loc(node.end_point), content))
        for row, inserted in self.inserts.items():
            line = lines[row] if row < len(lines) else ""
            indent = line[: len(line) - len(line.lstrip(" \t"))]
            indent = _reindent(indent, self.dedent[row]) if row in self.dedent and row not in self.protected_rows else indent
            if indent is None:
                return None
            edits.append(Edit(Location(row + 1, 1), Location(row + 1, 1), "".join(indent + s + newline for s in inserted)))
        return edits

    def _within_limit(self, node: Node, one_line: str, head: str, items: list[str], tail: str, newline: str) -> str | None:
        """``one_line``, or the wrapped form where the row would pass the file's line limit
        (ruff's E501 in the team's hooks); None when even the wrapped form would.

        The row is measured with its other text as it stands (another change on the same row is
        not counted): rewrites rarely put two replacements on one row.
        """
        row, lines = node.start_point[0], self.source.physical_lines
        indent = indentation(self.source, row)
        final = _reindent(indent, self.dedent[row]) if row in self.dedent and row not in self.protected_rows else indent
        if final is None or "\n" in one_line or node.end_point[0] != row:
            return one_line  # a multi-line literal: its lines are the SQL's own
        before = lines[row][len(indent) : self.source_col(row, node.start_point[1])]
        after = lines[row][self.source_col(row, node.end_point[1]) :].rstrip("\r\n")
        limit = line_limit(self.source)
        if len(final + before + one_line + after) <= limit:
            return one_line
        inner = final + ("\t" if final.startswith("\t") else "    ")
        wrapped = [final + before + head, *(inner + item for item in items), final + tail + after]
        if any(len(line) > limit for line in wrapped):
            return None
        return head + newline + "".join(inner + item + newline for item in items) + final + tail

    def _loc(self, point: tuple[int, int]) -> Location:
        return Location(point[0] + 1, self.source.column(point[0], point[1]))


def indentation(source: SourceFile, row: int) -> str:
    line = source.physical_lines[row]
    return line[: len(line) - len(line.lstrip(" \t"))]


def _reindent(indent: str, pairs: list[tuple[str, str]]) -> str | None:
    """Apply the innermost block's change first (its ``old`` is the longest)."""
    for old, new in sorted(pairs, key=lambda pair: len(pair[0]), reverse=True):
        if not indent.startswith(old):
            return None
        indent = new + indent[len(old) :]
    return indent


_BRACKETED = frozenset({
    "argument_list", "parameters", "parenthesized_expression", "list", "tuple", "dictionary", "set", "subscript",
    "list_comprehension", "dictionary_comprehension", "set_comprehension", "generator_expression", "string",
    "concatenated_string", "type_parameter", "import_from_statement",
})


def _logical_line_rows(block: Node, source: SourceFile) -> set[int]:
    """Rows of ``block`` whose first token starts a logical line (not inside brackets or after ``\\``)."""
    lines = source.physical_lines
    rows = set()
    for row in range(block.start_point[0], block.end_point[0] + 1):
        if row >= len(lines):
            break
        line = lines[row]
        stripped = line.lstrip(" \t\x0c")
        if not stripped.strip() or stripped.startswith("#"):
            continue
        if row > 0 and lines[row - 1].rstrip("\r").endswith("\\"):
            continue
        column = len(line[: len(line) - len(stripped)].encode("utf-8"))
        node = block.descendant_for_point_range((row, column), (row, column))
        inside = False
        while node is not None and node != block:
            if node.type in _BRACKETED and node.start_point[0] < row:
                inside = True
                break
            node = node.parent
        if not inside:
            rows.add(row)
    return rows


def _closing(expression: str) -> int | None:
    """The index of the ``)`` matching the ``(`` that starts ``expression`` (no strings inside)."""
    depth = 0
    for index, char in enumerate(expression):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0:
            return index
    return None
