"""Fix kind ``share-connection``: the raw code keeps its SQL but runs on the session's connection.

The expression that opened the second connection is replaced by the rule's ``connection``
template (``db.connection().connection``); ``with <connect> as conn:`` becomes an assignment
with its body dedented; the raw connection's own ``commit()`` / ``rollback()`` / ``close()``
calls and ``with conn:`` transaction blocks go, because the session now commits both; and the
session is flushed before the raw code runs, because the shared connection only sees what was
flushed.
"""

from __future__ import annotations

from txmix_hook.edits import Edit
from txmix_hook.engine.parse import text
from txmix_hook.fixes.blocks import assign_from_with, drop_transaction_control, single_with, unwrap_transaction_blocks
from txmix_hook.fixes.context import FixContext, outer_expression, statement_of
from txmix_hook.fixes.rewrite import Rewrite, indentation
from txmix_hook.rules.model import FixSpec

POOL_METHODS = frozenset({"acquire", "connection", "getconn"})


def share_connection(spec: FixSpec, ctx: FixContext) -> list[Edit] | None:
    raw = ctx.raw_name
    if not raw.isidentifier():
        return None
    if any(text(receiver) == raw and method in POOL_METHODS for _, receiver, method in ctx.own_calls()):
        return None  # the raw value is a pool: its connections, not it, would need sharing
    creation = outer_expression(ctx.raw_node)
    rewrite = Rewrite(ctx.source)
    rewrite.protect_strings(ctx.scope)
    replacement = ctx.render(spec.async_connection if ctx.is_async else spec.connection)
    parent = creation.parent
    if parent is not None and parent.type == "assignment" and parent.child_by_field_name("right") == creation:
        if text(parent.child_by_field_name("left")) != raw:
            return None
        rewrite.replace(creation, replacement)
        first_statement = statement_of(parent)
    elif parent is not None and parent.type == "as_pattern":
        with_statement = single_with(parent)
        if with_statement is None or text(parent.child_by_field_name("alias")) != raw:
            return None
        if not assign_from_with(rewrite, with_statement, f"{raw} = {replacement}"):
            return None
        first_statement = with_statement
    else:
        rewrite.replace(creation, replacement)
        first_statement = statement_of(creation)
    drop_transaction_control(rewrite, ctx, spec.transaction_methods)
    unwrap_transaction_blocks(rewrite, ctx)
    flush = ctx.render(spec.async_flush if ctx.is_async else spec.flush)
    if flush:
        rewrite.insert_before(first_statement.start_point[0], indentation(ctx.source, first_statement.start_point[0]) + flush)
    return rewrite.edits(ctx.newline)


