"""The scope a node sits in, for the fix stage (which works on a freshly parsed tree).

Each def / async def / lambda is its own scope, plus the module body. The binder does not
use this: it finds scopes by one sweep over byte offsets.
"""

from __future__ import annotations

from tree_sitter import Node

SCOPE_TYPES = frozenset({"function_definition", "lambda", "module"})


def enclosing_scope_node(node: Node) -> Node:
    """The innermost def/lambda/module around ``node`` (``node`` itself if it is one)."""
    current = node
    while current.type not in SCOPE_TYPES:
        parent = current.parent
        if parent is None:  # a tree whose root is an ERROR node (a broken first line): the root is the scope
            return current
        current = parent
    return current


def parent_scope_node(scope_node: Node) -> Node | None:
    """The scope around a scope (None for the module)."""
    return None if scope_node.type == "module" or scope_node.parent is None else enclosing_scope_node(scope_node.parent)
