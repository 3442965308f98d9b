"""Fix kind ``share-connection``: the raw code keeps its SQL but runs on the session's connection.

Where the scope opens the connection, the expression that opened it is replaced by the rule's
``connection`` template (``db.connection().connection``); ``with <connect> as conn:`` becomes
an assignment with its body dedented. Where the connection comes from outside the scope (module
level, an enclosing function), each *use* of its name is replaced instead, so
``conn.cursor().execute(sql)`` becomes ``db.connection().connection.cursor().execute(sql)``: the
statement, its cursor and its SQL stay. Either way the raw connection's own ``commit()`` /
``rollback()`` / ``close()`` calls and ``with conn:`` transaction blocks go, because the session
now commits both; and the session is flushed before the raw code runs, because the shared
connection only sees what was flushed.
"""

from __future__ import annotations

from tree_sitter import Node

from txmix_hook.edits import Edit
from txmix_hook.engine.parse import text
from txmix_hook.fixes.blocks import assign_from_with, drop_transaction_control, single_with, unwrap_transaction_blocks
from txmix_hook.fixes.context import FixContext, statement_of
from txmix_hook.fixes.flavour import flavour
from txmix_hook.fixes.raw_origin import RawOrigin, raw_origin
from txmix_hook.fixes.rewrite import Rewrite
from txmix_hook.rules.model import FixSpec

POOL_METHODS = frozenset({"acquire", "connection", "getconn"})


def share_connection(spec: FixSpec, ctx: FixContext) -> list[Edit] | None:
    raw = ctx.raw_name
    if not raw.isidentifier():
        return None
    if any(text(receiver) == raw and method in POOL_METHODS for _, receiver, method in ctx.own_calls()):
        return None  # the raw value is a pool: its connections, not it, would need sharing
    style = flavour(spec, ctx)
    origin = raw_origin(ctx)
    if style is None or style.connection is None or style.flush is None or origin is None:
        return None
    rewrite = Rewrite(ctx.source)
    rewrite.protect_strings(ctx.scope)
    if origin.creation is None:
        first_statement = _share_uses(rewrite, ctx, spec, origin, style.connection)
    else:
        first_statement = _share_creation(rewrite, ctx, origin.creation, style.connection)
        if first_statement is not None:
            drop_transaction_control(rewrite, ctx, spec.transaction_methods)
            unwrap_transaction_blocks(rewrite, ctx)
    if first_statement is None:
        return None
    if style.flush:
        rewrite.insert_before(first_statement.start_point[0], style.flush)
    return rewrite.edits(ctx.newline)


def _share_creation(rewrite: Rewrite, ctx: FixContext, creation: Node, replacement: str) -> Node | None:
    parent = creation.parent
    if parent is not None and parent.type == "assignment":
        rewrite.replace_expression(creation, replacement)
        return statement_of(parent)
    if parent is not None and parent.type == "as_pattern":
        with_statement = single_with(parent)
        if with_statement is None or not assign_from_with(rewrite, with_statement, f"{ctx.raw_name} = {replacement}"):
            return None
        return with_statement
    return None


def _share_uses(rewrite: Rewrite, ctx: FixContext, spec: FixSpec, origin: RawOrigin, replacement: str) -> Node | None:
    """The connection is opened outside the scope: replace the name where it is used."""
    drop_transaction_control(rewrite, ctx, spec.transaction_methods)
    unwrap_transaction_blocks(rewrite, ctx)
    uses = [use for use in origin.uses if not rewrite.covers(use)]
    if not uses:
        return None
    expression = replacement if replacement.startswith("(") or " " not in replacement else f"({replacement})"
    for use in uses:
        rewrite.replace_expression(use, expression)
    return statement_of(min(uses, key=lambda n: n.start_byte))
