"""Where the finding's raw connection comes from, as far as its own scope shows.

Either the scope opens it (one ``conn = <open>`` or ``with <open> as conn:``, even when a use
such as ``conn.close()`` comes first in the text), or it is opened outside the scope and only
used here (module level, an enclosing function, a ``global``). Anything else (the name is a
parameter, rebound twice, a loop variable, ``global`` and assigned) has no mechanical fix.
"""

from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from txmix_hook.fixes.bindings import binding_of, bindings, is_creation, variables
from txmix_hook.fixes.context import FixContext, outer_expression


@dataclass(frozen=True)
class RawOrigin:
    creation: Node | None  # the expression that opens it in this scope; None: opened outside
    uses: tuple[Node, ...]  # every identifier reading the name in the scope


def raw_origin(ctx: FixContext) -> RawOrigin | None:
    name = ctx.raw_name
    uses = tuple(n for n in variables(ctx, name) if binding_of(n) is None)
    matched = outer_expression(ctx.raw_node)
    if is_creation(matched, name):
        return RawOrigin(matched, uses) if len(bindings(ctx, name)) == 1 else None
    found = bindings(ctx, name)
    if not found or all(b.kind == "declared" for b in found):
        if not _uses_the_name(ctx.raw_node, name):
            return None
        return RawOrigin(None, uses)
    if len(found) == 1 and found[0].kind in ("assign", "with") and found[0].value is not None:
        return RawOrigin(outer_expression(found[0].value), uses)
    return None


def _uses_the_name(node: Node, name: str) -> bool:
    """The matched node is ``name.method(...)``: a use, not some other expression."""
    function = node.child_by_field_name("function") if node.type == "call" else None
    receiver = function.child_by_field_name("object") if function is not None and function.type == "attribute" else None
    return receiver is not None and receiver.type == "identifier" and receiver.text == name.encode()
