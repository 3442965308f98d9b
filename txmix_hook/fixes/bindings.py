"""Where a name is bound inside one scope, read off the tree-sitter nodes a fix receives.

A fix must know whether the raw connection it rewrites is created in the scope (then the
creation is replaced), comes from outside it (module level, an enclosing function: then only
its uses are), or is rebound in ways no mechanical rewrite can follow (then no fix).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from tree_sitter import Node

from txmix_hook.engine.parse import text
from txmix_hook.fixes.context import FixContext

_PATTERNS = frozenset({"pattern_list", "tuple_pattern", "list_pattern", "parenthesized_expression", "tuple", "list", "list_splat_pattern"})
_PARAMETERS = frozenset({
    "parameters", "lambda_parameters", "typed_parameter", "default_parameter", "typed_default_parameter",
    "list_splat_pattern", "dictionary_splat_pattern",
})


@dataclass(frozen=True)
class Binding:
    name: Node  # the identifier
    kind: str  # "assign" (name = value), "with" (with X as name), "param", "declared" (global/nonlocal), "rebind"
    value: Node | None = None  # for "assign" / "with": the expression bound


def variables(ctx: FixContext, name: str) -> Iterator[Node]:
    """Identifiers that name the variable ``name`` in the scope (not ``x.name``, not ``f(name=...)``)."""
    for node in ctx.own_identifiers(name):
        parent = node.parent
        if parent is not None and parent.type == "attribute" and parent.child_by_field_name("attribute") == node:
            continue
        if parent is not None and parent.type == "keyword_argument" and parent.child_by_field_name("name") == node:
            continue
        yield node


def bindings(ctx: FixContext, name: str) -> list[Binding]:
    return [b for node in variables(ctx, name) if (b := binding_of(node)) is not None]


def binding_of(node: Node) -> Binding | None:
    """How ``node`` (an identifier) binds its name, or None for a plain use."""
    child, parent = node, node.parent
    while parent is not None and parent.type in _PATTERNS and parent.type != "parameters":
        if parent.type == "list_splat_pattern" and parent.parent is not None and parent.parent.type in _PARAMETERS:
            break
        child, parent = parent, parent.parent
    if parent is None:
        return None
    kind = parent.type
    if kind == "assignment" and parent.child_by_field_name("left") == child:
        value = parent.child_by_field_name("right")
        return Binding(node, "assign" if child == node else "rebind", value if child == node else None)
    if kind in ("augmented_assignment", "for_statement", "for_in_clause") and parent.child_by_field_name("left") == child:
        return Binding(node, "rebind")
    if kind == "as_pattern_target":
        as_pattern = parent.parent
        item = as_pattern.parent if as_pattern is not None else None
        if item is not None and item.type == "with_item" and child == node and as_pattern is not None:
            return Binding(node, "with", as_pattern.child_by_field_name("value") or as_pattern.named_children[0])
        return Binding(node, "rebind")
    if kind == "named_expression" and parent.child_by_field_name("name") == child:
        return Binding(node, "rebind")
    if kind in _PARAMETERS and child == node and (kind in ("parameters", "lambda_parameters") or parent.named_children[0] == node):
        return Binding(node, "param")
    if kind in ("global_statement", "nonlocal_statement"):
        return Binding(node, "declared")
    if kind in ("aliased_import", "import_statement", "import_from_statement", "delete_statement", "dotted_name"):
        return Binding(node, "rebind")
    if kind in ("function_definition", "class_definition") and parent.child_by_field_name("name") == node:
        return Binding(node, "rebind")
    return None


def is_creation(expression: Node, name: str) -> bool:
    """``name = <expression>`` or ``with <expression> as name:`` (one item)."""
    parent = expression.parent
    if parent is not None and parent.type == "assignment" and parent.child_by_field_name("right") == expression:
        return text(parent.child_by_field_name("left")) == name
    if parent is not None and parent.type == "as_pattern":
        return text(parent.child_by_field_name("alias")).strip() == name
    return False

