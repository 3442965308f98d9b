"""Comments as tree-sitter sees them, so ``# txmix: ignore`` inside a string never counts."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # tree-sitter only to find comments: a warm run reads stored ones alone
    from tree_sitter import Node, Query

    from txmix_hook.source import SourceFile


@dataclass(frozen=True)
class Comment:
    row: int  # 1-based
    column: int  # 1-based character column of '#'
    end_column: int  # exclusive
    text: str


@lru_cache(maxsize=1)
def _comment_query() -> Query:
    from tree_sitter import Query

    from txmix_hook.engine.parse import PYTHON

    return Query(PYTHON, "(comment) @node")


def comment_nodes(root: Node) -> list[Node]:
    from tree_sitter import QueryCursor

    return QueryCursor(_comment_query()).captures(root).get("node", [])


def to_comments(nodes: list[Node], source: SourceFile) -> list[Comment]:
    """Only comments that can hold a directive: the rest are never looked at again."""
    from txmix_hook.engine.parse import text

    comments = []
    for node in nodes:
        lowered = (node.text or b"").lower()
        if b"txmix" not in lowered and b"noqa" not in lowered:
            continue
        row, col = node.start_point
        start = source.column(row, col)
        body = text(node)
        comments.append(Comment(row + 1, start, start + len(body), body))
    return sorted(comments, key=lambda c: (c.row, c.column))


def first_code_row(root: Node) -> int:
    """The first line holding code: file-level directives must come before it."""
    for child in root.named_children:
        if child.type != "comment":
            return child.start_point[0] + 1
    return 10**9
