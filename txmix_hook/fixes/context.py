"""What a fix kind needs to know about one finding, gathered while the tree is at hand."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from tree_sitter import Node, Query, QueryCursor

from txmix_hook.engine.parse import PYTHON, text
from txmix_hook.engine.scopes import enclosing_scope_node
from txmix_hook.source import SourceFile


@dataclass(frozen=True)
class FixContext:
    source: SourceFile
    scope: Node
    is_async: bool
    values: dict[str, object]  # template values: side names, scope_name, rule_id
    orm_name: str
    raw_name: str
    raw_node: Node  # the first raw-side match
    imports: dict[str, str]

    def render(self, template: str) -> str:
        return template.format(**self.values)

    @property
    def newline(self) -> str:
        return self.source.newline

    def own_calls(self) -> Iterator[tuple[Node, Node, str]]:
        """``(call, receiver identifier, method)`` for every ``name.method(...)`` directly in the scope."""
        for match in QueryCursor(_method_calls()).matches(self.scope):
            call, obj, attr = match[1]["call"][0], match[1]["obj"][0], match[1]["attr"][0]
            if enclosing_scope_node(call) == self.scope:
                yield call, obj, text(attr)

    def own_withs(self) -> Iterator[Node]:
        for node in QueryCursor(_with_statements()).captures(self.scope).get("with", []):
            if enclosing_scope_node(node) == self.scope:
                yield node

    def own_identifiers(self, name: str) -> Iterator[Node]:
        for node in QueryCursor(_identifiers()).captures(self.scope).get("id", []):
            if text(node) == name and enclosing_scope_node(node) == self.scope:
                yield node

    def used_in_nested_scopes(self, name: str) -> bool:
        """Whether a ``def`` / ``lambda`` inside the scope mentions ``name`` (a closure over it)."""
        return any(
            text(node) == name and enclosing_scope_node(node) != self.scope
            for node in QueryCursor(_identifiers()).captures(self.scope).get("id", [])
            if not (node.parent is not None and node.parent.type == "attribute" and node.parent.child_by_field_name("attribute") == node)
        )


@lru_cache(maxsize=1)
def _method_calls() -> Query:
    return Query(PYTHON, "(call function: (attribute object: (identifier) @obj attribute: (identifier) @attr)) @call")


@lru_cache(maxsize=1)
def _with_statements() -> Query:
    return Query(PYTHON, "(with_statement) @with")


@lru_cache(maxsize=1)
def _identifiers() -> Query:
    return Query(PYTHON, "(identifier) @id")


def is_async_scope(scope: Node) -> bool:
    return scope.type == "function_definition" and any(c.type == "async" for c in scope.children)


def outer_expression(node: Node) -> Node:
    """``node`` with any ``await`` / parentheses around it."""
    while node.parent is not None and node.parent.type in ("await", "parenthesized_expression"):
        node = node.parent
    return node


def statement_of(node: Node) -> Node:
    """The simple or compound statement that contains ``node`` directly in a block."""
    current = node
    while current.parent is not None and current.parent.type not in ("block", "module"):
        current = current.parent
    return current
