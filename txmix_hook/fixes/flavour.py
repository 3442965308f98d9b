"""Which of a rule's templates a fix may use: sync or async, decided by the session and the scope.

An async session needs ``await``, which only an ``async def`` can hold; a sync session must
not be awaited, even inside ``async def``. A template that does not fit (an ``await`` in a
sync one, none in an async one) is not used: the fix is then left as a suggestion instead of
writing code that compiles and fails at run time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from txmix_hook.fixes.context import FixContext, is_async_scope
from txmix_hook.fixes.session_kind import session_kind
from txmix_hook.rules.model import FixSpec

_AWAIT = re.compile(r"\bawait\b")


@dataclass(frozen=True)
class Flavour:
    is_async: bool  # the session's calls are awaited
    connection: str | None  # rendered; None: no share-connection for this session
    flush: str | None  # rendered statement ("" for none); None: no fix may run raw SQL here


def flavour(spec: FixSpec, ctx: FixContext) -> Flavour | None:
    if ctx.scope.type == "lambda":
        return None  # no statements to insert a flush before
    scope_async = is_async_scope(ctx.scope)
    kind = session_kind(ctx) or (None if scope_async else "sync")
    if kind is None or (kind == "async" and not scope_async):
        return None
    is_async = kind == "async"
    connection, flush = (spec.async_connection, spec.async_flush) if is_async else (spec.connection, spec.flush)
    return Flavour(is_async, _fitting(ctx, connection, is_async), _fitting(ctx, flush, is_async) if flush else "")


def _fitting(ctx: FixContext, template: str, is_async: bool) -> str | None:
    if not template or bool(_AWAIT.search(template)) != is_async:
        return None
    return ctx.render(template)
