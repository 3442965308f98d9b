"""Scopes: each def / async def / lambda is its own, plus the module body.

Class bodies are not scopes of their own here: code in a class body runs in the enclosing
function or module, and methods do not see class-level names (as in Python itself).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from tree_sitter import Node

from txmix_hook.engine.parse import text

SCOPE_TYPES = frozenset({"function_definition", "lambda", "module"})


@dataclass(frozen=True)
class Scope:
    node: Node
    kind: str  # "function" | "lambda" | "module"
    name: str  # qualified for humans: "Repo.save", "create_order.<lambda>", "<module>"

    @property
    def key(self) -> int:
        return self.node.id


def enclosing_scope_node(node: Node) -> Node:
    """The innermost def/lambda/module around ``node`` (``node`` itself if it is one)."""
    current: Node | None = node
    while current is not None and current.type not in SCOPE_TYPES:
        current = current.parent
    assert current is not None, "every node sits inside a module"
    return current


def parent_scope_node(scope_node: Node) -> Node | None:
    return None if scope_node.type == "module" or scope_node.parent is None else enclosing_scope_node(scope_node.parent)


def scope_chain(scope: Node | None) -> Iterator[Node]:
    """``scope``, then each enclosing scope out to the module (name resolution order)."""
    while scope is not None:
        yield scope
        scope = parent_scope_node(scope)


def enclosing_class(function_node: Node) -> Node | None:
    """The class a def is a method of, or None (decorators sit between them)."""
    parent = function_node.parent
    if parent is not None and parent.type == "decorated_definition":
        parent = parent.parent
    if parent is not None and parent.type == "block" and parent.parent is not None and parent.parent.type == "class_definition":
        return parent.parent
    return None


def describe_scope(scope_node: Node) -> Scope:
    if scope_node.type == "module":
        return Scope(scope_node, "module", "<module>")
    names = []
    node: Node | None = scope_node
    while node is not None and node.type != "module":
        if node.type in ("function_definition", "class_definition"):
            names.append(text(node.child_by_field_name("name")))
        elif node.type == "lambda":
            names.append("<lambda>")
        node = node.parent
    kind = "lambda" if scope_node.type == "lambda" else "function"
    return Scope(scope_node, kind, ".".join(reversed(names)))
