"""Is the session a fix talks to sync or async? Read off the code around it, never guessed.

A fix that writes ``await session.flush()`` for a sync ``sessionmaker`` session, or
``session.flush()`` (never awaited) for an ``AsyncSession``, breaks the code at run time while
compiling fine. The answer comes from, in order: the session's own declaration in the scope
or an enclosing one (a parameter annotation, ``x = Factory()`` with the factory resolved to
its ``sessionmaker`` / ``async_sessionmaker`` call, ``with`` / ``async with ... as x``), then
how the scope calls it (``await db.execute(...)`` or a bare ``db.execute(...)``). ``None``
when nothing tells.
"""

from __future__ import annotations

import re

from tree_sitter import Node

from txmix_hook.engine.parse import text
from txmix_hook.engine.scopes import enclosing_scope_node, parent_scope_node
from txmix_hook.fixes.bindings import Binding, binding_of
from txmix_hook.fixes.context import FixContext

# AsyncSession methods that return awaitables; the sync Session's are plain calls.
AWAITABLE = frozenset({
    "execute", "flush", "commit", "rollback", "close", "refresh", "get", "get_one", "scalar", "scalars",
    "delete", "merge", "stream", "stream_scalars", "connection", "run_sync", "invalidate", "reset",
})
_ASYNC_NAME = re.compile(r"\b(?:Async\w*Session|async_sessionmaker|async_scoped_session)\b")
_SYNC_NAME = re.compile(r"\b(?:Session|sessionmaker|scoped_session)\b")


def session_kind(ctx: FixContext) -> str | None:
    """"sync", "async" or None for the finding's ORM side."""
    declared = _declared(ctx.scope, ctx.orm_name) if ctx.orm_name.isidentifier() else None
    return declared or _from_calls(ctx)


def _declared(scope: Node | None, name: str) -> str | None:
    while scope is not None:
        found = [b for b in _bindings_in(scope, name) if b.kind != "declared"]
        for binding in found:
            kind = _kind_of_binding(binding, scope)
            if kind is not None:
                return kind
        if found:
            return None  # bound here in a way that says nothing: an outer binding is not this one
        scope = parent_scope_node(scope)
    return None


def _bindings_in(scope: Node, name: str) -> list[Binding]:
    found = []
    stack = [scope]
    while stack:
        node = stack.pop()
        if node.type == "identifier" and text(node) == name and enclosing_scope_node(node) == scope:
            binding = binding_of(node)
            if binding is not None:
                found.append(binding)
        stack.extend(c for c in node.children if c.type not in ("function_definition", "lambda", "class_definition") or c == scope)
    return found


def _kind_of_binding(binding: Binding, scope: Node) -> str | None:
    if binding.kind == "param":
        annotation = binding.name.parent.child_by_field_name("type") if binding.name.parent is not None else None
        return _kind_of_name(text(annotation)) if annotation is not None else None
    if binding.kind == "with":
        statement = binding.name
        while statement is not None and statement.type != "with_statement":
            statement = statement.parent
        if statement is not None:
            return "async" if any(c.type == "async" for c in statement.children) else "sync"
        return None
    if binding.kind == "assign" and binding.value is not None:
        return _kind_of_value(binding.value, scope)
    return None


def _kind_of_value(value: Node, scope: Node) -> str | None:
    """``Factory(...)``, ``AsyncSession(...)``, ``Session(...)``: resolve the factory once."""
    if value.type != "call":
        return None
    function = value.child_by_field_name("function")
    name = text(function)
    direct = _kind_of_name(name.rsplit(".", 1)[-1])
    if direct is not None:
        return direct
    if function is not None and function.type == "identifier":
        factory = _factory_call(scope, name)
        if factory is not None:
            return _kind_of_factory(factory)
    return None


def _factory_call(scope: Node | None, name: str) -> Node | None:
    while scope is not None:
        for binding in _bindings_in(scope, name):
            if binding.kind == "assign" and binding.value is not None and binding.value.type == "call":
                return binding.value
        scope = parent_scope_node(scope)
    return None


def _kind_of_factory(call: Node) -> str | None:
    name = text(call.child_by_field_name("function")).rsplit(".", 1)[-1]
    if name in ("async_sessionmaker", "async_scoped_session"):
        return "async"
    if name in ("sessionmaker", "scoped_session"):
        return "async" if _ASYNC_NAME.search(text(call.child_by_field_name("arguments"))) else "sync"
    return None


def _kind_of_name(name: str) -> str | None:
    if _ASYNC_NAME.search(name):
        return "async"
    return "sync" if _SYNC_NAME.search(name) else None


def _from_calls(ctx: FixContext) -> str | None:
    seen = set()
    for call, receiver, method in ctx.own_calls():
        if text(receiver) != ctx.orm_name or method not in AWAITABLE:
            continue
        seen.add("async" if call.parent is not None and call.parent.type == "await" else "sync")
    return seen.pop() if len(seen) == 1 else None
