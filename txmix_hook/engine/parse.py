"""The one tree-sitter Python language and parser every module shares."""

from __future__ import annotations

import tree_sitter_python
from tree_sitter import Language, Node, Parser, Tree

PYTHON = Language(tree_sitter_python.language())
_PARSER = Parser(PYTHON)


def parse(data: bytes) -> Tree:
    return _PARSER.parse(data)


def first_error(root: Node) -> Node | None:
    """The earliest ERROR or MISSING node, for the syntax warning's position."""
    if not root.has_error:
        return None
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type == "ERROR" or node.is_missing:
            return node
        stack.extend(c for c in reversed(node.children) if c.has_error or c.is_missing)
    return root


def arguments(call: Node) -> list[Node]:
    """A call's arguments (comments left out); [] when the call has none."""
    args = call.child_by_field_name("arguments")
    return [a for a in args.named_children if a.type != "comment"] if args is not None else []


def text(node: Node | None) -> str:
    """A node's source text; "" for a missing optional child (tree-sitter fields may be absent)."""
    return (node.text or b"").decode("utf-8", errors="replace") if node is not None else ""
