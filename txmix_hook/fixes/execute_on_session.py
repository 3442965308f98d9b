"""Fix kind ``execute-on-session``: raw ``conn.execute(SQL, args)`` / ``cur.execute(SQL, args)``
becomes ``session.execute(text(SQL), params)``.

Applies only when every use of the raw connection (and of cursors made from it) in the scope is
such an ``execute`` with a literal SQL string, or a commit/close/release and psycopg2's
``with conn:`` block, which go: then the connection itself is no longer needed and its creation
is removed. Placeholders are converted by ``sql_params``;
anything it cannot convert leaves the finding with its suggestion only.
"""

from __future__ import annotations

import ast

from tree_sitter import Node

from txmix_hook.edits import Edit
from txmix_hook.engine.parse import arguments, text
from txmix_hook.fixes.context import FixContext, outer_expression, statement_of
from txmix_hook.fixes.rewrite import Rewrite
from txmix_hook.fixes.blocks import drop_transaction_control, single_with, unwrap_transaction_blocks, unwrap_with
from txmix_hook.fixes.flavour import flavour
from txmix_hook.fixes.imports import add_from_import
from txmix_hook.fixes.raw_origin import raw_origin
from txmix_hook.fixes.sql_params import ConversionError, Converted, convert, verbatim
from txmix_hook.rules.model import FixSpec
from txmix_hook.source import SourceFile

def execute_on_session(spec: FixSpec, ctx: FixContext) -> list[Edit] | None:
    raw = ctx.raw_name
    text_name = _text_name(ctx)
    if not raw.isidentifier() or text_name is None:
        return None
    style = flavour(spec, ctx)
    origin = raw_origin(ctx)
    if style is None or style.flush is None or origin is None:
        return None
    rewrite = Rewrite(ctx.source)
    rewrite.protect_strings(ctx.scope)
    if origin.creation is None:  # opened outside the scope: it stays; its uses here move
        first = statement_of(min(origin.uses, key=lambda n: n.start_byte)) if origin.uses else None
    elif ctx.used_in_nested_scopes(raw):
        return None  # a closure still needs the connection this fix would remove
    else:
        first = _remove_creation(rewrite, origin.creation, raw)
    if first is None:
        return None
    calls = list(ctx.own_calls())
    executors, handled = {raw}, set()
    for call, receiver, method in calls:
        if text(receiver) == raw and method == "cursor":
            cursor = _bind_cursor(rewrite, call)
            if cursor is None:
                return None
            if cursor:
                executors.add(cursor)
            handled.add(receiver.id)
    executes = 0
    for call, receiver, method in [*calls, *_chained_cursor_executes(ctx, raw)]:
        if text(receiver) not in executors or receiver.id in handled and method == "cursor":
            continue
        if method == "execute":
            new = _converted_execute(call, spec, ctx, text_name or "text", style.is_async)
            if new is None:
                return None
            rewrite.replace_call(outer_expression(call), *new)
            executes += 1
        elif method not in (*spec.transaction_methods, "release", "close"):
            return None
        handled.add(receiver.id)
    for name in executors:
        for use in ctx.own_identifiers(name):
            if use.id in handled or _is_binding(use) or _is_release_argument(use) or _is_transaction_block(use, raw):
                continue
            return None  # used some other way (fetchone, a transaction block...): keep the connection
    if not executes:
        return None
    drop_transaction_control(rewrite, ctx, (*spec.transaction_methods, "close"), executors)
    unwrap_transaction_blocks(rewrite, ctx)
    if style.flush:
        rewrite.insert_before(first.start_point[0], style.flush)
    edits = rewrite.edits(ctx.newline)
    if edits is None:
        return None
    if text_name == "":
        edits.append(_text_import_edit(ctx))
    return edits


def _bind_cursor(rewrite: Rewrite, call: Node) -> str | None:
    """``cur = raw.cursor()`` (removed) or ``with raw.cursor() as cur:`` (unwrapped): the name.

    "" for ``raw.cursor().execute(...)``, converted where it stands; None for anything else.
    """
    parent = call.parent
    if parent is not None and parent.type == "attribute" and text(parent.child_by_field_name("attribute")) == "execute":
        return ""
    if parent is not None and parent.type == "assignment" and parent.child_by_field_name("right") == call:
        target = parent.child_by_field_name("left")
        if target is None or target.type != "identifier":
            return None
        rewrite.delete_statement(statement_of(parent))
        return text(target)
    if parent is not None and parent.type == "as_pattern":
        statement = single_with(parent)
        alias = parent.child_by_field_name("alias")
        if statement is None or alias is None or not unwrap_with(rewrite, statement):
            return None
        return text(alias).strip()
    return None


def _chained_cursor_executes(ctx: FixContext, raw: str) -> list[tuple[Node, Node, str]]:
    """``raw.cursor().execute(...)``: reported as an execute whose receiver is ``raw``."""
    found = []
    for call, receiver, method in ctx.own_calls():
        parent = call.parent
        outer = parent.parent if parent is not None else None
        if text(receiver) == raw and method == "cursor" and parent is not None and parent.type == "attribute" and outer is not None and outer.type == "call":
            if text(parent.child_by_field_name("attribute")) == "execute":
                found.append((outer, receiver, "execute"))
    return found


def _text_name(ctx: FixContext) -> str | None:
    """The name ``text`` is reachable as: "text", "" (must be imported), or None (taken)."""
    bound = ctx.imports.get("text")
    if bound is None:
        return ""
    return "text" if bound in ("sqlalchemy.text", "sqlalchemy.sql.text", "sqlalchemy.sql.expression.text") else None


def _remove_creation(rewrite: Rewrite, creation: Node, raw: str) -> Node | None:
    parent = creation.parent
    if parent is not None and parent.type == "assignment" and parent.child_by_field_name("right") == creation:
        if text(parent.child_by_field_name("left")) != raw:
            return None
        statement = statement_of(parent)
        rewrite.delete_statement(statement)
        return statement
    if parent is not None and parent.type == "as_pattern":
        with_statement = single_with(parent)
        if with_statement is None or not unwrap_with(rewrite, with_statement):
            return None
        return with_statement
    return None


def _converted_execute(
    call: Node, spec: FixSpec, ctx: FixContext, text_name: str, awaited: bool
) -> tuple[str, list[str]] | None:
    """The new call's callee and arguments (``Rewrite`` wraps them if one line would be too long)."""
    statement = outer_expression(call)
    if statement.parent is None or statement.parent.type != "expression_statement":
        return None  # the driver's result is used: session.execute returns something else
    args = arguments(call)
    if not args or args[0].type != "string" or any(a.type in ("keyword_argument", "list_splat", "dictionary_splat") for a in args):
        return None
    try:
        sql = ast.literal_eval(text(args[0]))
    except (ValueError, SyntaxError):
        return None
    if not isinstance(sql, str) or any(c.type == "interpolation" for c in args[0].named_children):
        return None
    try:
        converted = convert(sql, spec.param_style) if len(args) > 1 else verbatim(sql)
    except ConversionError:
        return None
    params = _params(converted, args[1:], spec.param_style)
    if params is None:
        return None
    call_args = [f"{text_name}({_literal(sql=converted.sql)})", *([params] if params else [])]
    return f"{'await ' if awaited else ''}{ctx.orm_name}.execute", call_args


def _params(converted: Converted, rest: list[Node], style: str) -> str | None:
    if not converted.names:
        return "" if not rest else None
    if not converted.positional:
        return text(rest[0]) if len(rest) == 1 else None
    if style == "numeric":
        values = [text(a) for a in rest]
    else:
        if len(rest) != 1 or rest[0].type not in ("tuple", "list"):
            return None
        values = [text(a) for a in rest[0].named_children if a.type != "comment"]
    if max(converted.numbers) > len(values):
        return None
    return "{" + ", ".join(f'"{name}": {values[number - 1]}' for name, number in zip(converted.names, converted.numbers, strict=True)) + "}"


def _literal(sql: str) -> str:
    if "\n" in sql:
        body = sql.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
        return f'"""{body}"""'
    return repr(sql)


def _is_binding(node: Node) -> bool:
    parent = node.parent
    if parent is None:
        return False
    if parent.type == "assignment" and parent.child_by_field_name("left") == node:
        return True
    return parent.type == "as_pattern_target"


def _is_transaction_block(node: Node, raw: str) -> bool:
    """``with raw:`` (psycopg2's transaction block), which is unwrapped."""
    item = node.parent
    clause = item.parent if item is not None else None
    return (
        item is not None and item.type == "with_item" and text(item) == raw
        and clause is not None and len([c for c in clause.named_children if c.type == "with_item"]) == 1
    )


def _is_release_argument(node: Node) -> bool:
    if node.parent is None or node.parent.type != "argument_list":
        return False
    call = node.parent.parent
    function = call.child_by_field_name("function") if call is not None and call.type == "call" else None
    return function is not None and function.type == "attribute" and text(function.child_by_field_name("attribute")) == "release"


_last_import_edit: tuple[SourceFile, Edit] | None = None


def _text_import_edit(ctx: FixContext) -> Edit:
    """``from sqlalchemy import text``, where isort would put it. The edit depends on the file
    alone, and a file's fixes are built one after another: the last one is kept, so a file with
    thousands of fixes scans its imports once, not once per fix."""
    global _last_import_edit
    if _last_import_edit is not None and _last_import_edit[0] is ctx.source:
        return _last_import_edit[1]
    root = ctx.scope
    while root.parent is not None:
        root = root.parent
    edit = add_from_import(root, ctx.source, "sqlalchemy", "text", ctx.newline)
    _last_import_edit = (ctx.source, edit)
    return edit
