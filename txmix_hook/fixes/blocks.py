"""Block-level helpers shared by the fix kinds: ``with`` headers, transaction-control calls."""

from __future__ import annotations

from tree_sitter import Node

from txmix_hook.engine.parse import arguments, text
from txmix_hook.fixes.context import FixContext, outer_expression
from txmix_hook.fixes.rewrite import Rewrite, indentation


def single_with(as_pattern: Node) -> Node | None:
    item = as_pattern.parent
    clause = item.parent if item is not None else None
    statement = clause.parent if clause is not None else None
    if item is None or item.type != "with_item" or clause is None or statement is None or statement.type != "with_statement":
        return None
    if len([c for c in clause.named_children if c.type == "with_item"]) != 1:
        return None
    return statement


def with_header(statement: Node) -> tuple[Node, Node] | None:
    """(body, colon) of a ``with`` whose body starts on its own line; None for a one-line
    ``with ...: stmt``, which is left for a human."""
    body = statement.child_by_field_name("body")
    colon = next((c for c in statement.children if c.type == ":"), None)
    if body is None or colon is None or body.start_point[0] == colon.end_point[0]:
        return None
    return body, colon


def unwrap_with(rewrite: Rewrite, statement: Node) -> bool:
    """Drop a ``with`` header and move its body one level left."""
    parts = with_header(statement)
    if parts is None:
        return False
    body, colon = parts
    rewrite.unwrap_block(statement.start_point[0], colon.end_point[0], body, *body_shift(rewrite, statement, body))
    return True


def assign_from_with(rewrite: Rewrite, with_statement: Node, assignment: str) -> bool:
    """``with X as c:`` + body  ->  ``c = ...`` + the body one level left."""
    parts = with_header(with_statement)
    if parts is None:
        return False
    body, colon = parts
    rewrite.replace_span(with_statement.start_point, colon.end_point, assignment)
    rewrite.dedent_block(body, *body_shift(rewrite, with_statement, body))
    return True


def body_shift(rewrite: Rewrite, header: Node, body: Node) -> tuple[str, str]:
    """(the body's indentation, the header's): what the body's rows start with, and will."""
    return indentation(rewrite.source, body.start_point[0]), indentation(rewrite.source, header.start_point[0])


def drop_transaction_control(rewrite: Rewrite, ctx: FixContext, methods: tuple[str, ...], names: set[str] | None = None) -> None:
    """Remove ``name.commit()`` / ``.close()`` ... statements and ``pool.release(raw)``."""
    owners = names or {ctx.raw_name}
    for call, receiver, method in ctx.own_calls():
        releases_raw = method == "release" and any(text(a) == ctx.raw_name for a in arguments(call))
        if not ((text(receiver) in owners and method in methods) or releases_raw):
            continue
        statement = outer_expression(call)
        if statement.parent is None or statement.parent.type != "expression_statement":
            continue
        rewrite.delete_statement(statement.parent)
        block = statement.parent.parent
        if block is not None and block.type == "block" and rewrite.block_becomes_empty(block):
            rows = range(statement.parent.start_point[0], statement.parent.end_point[0] + 1)
            rewrite.deleted_rows.difference_update(rows)
            rewrite.replace(statement.parent, "pass")


def unwrap_transaction_blocks(rewrite: Rewrite, ctx: FixContext) -> None:
    """psycopg2's ``with conn:`` commits on exit: on the session's connection it must not."""
    for statement in ctx.own_withs():
        items = [c for c in statement.named_children[0].named_children if c.type == "with_item"] if statement.named_children else []
        if len(items) == 1 and text(items[0]) == ctx.raw_name:
            unwrap_with(rewrite, statement)
