"""A finding's fix: the rule's suggestion always, and the first fix kind that applies."""

from __future__ import annotations

from collections.abc import Callable

from txmix_hook.edits import Edit, Fix
from txmix_hook.fixes.context import FixContext
from txmix_hook.fixes.execute_on_session import execute_on_session
from txmix_hook.fixes.share_connection import share_connection
from txmix_hook.rules.model import FixSpec

FIX_KINDS: dict[str, Callable[[FixSpec, FixContext], list[Edit] | None]] = {
    "execute-on-session": execute_on_session,
    "share-connection": share_connection,
}


def build_fix(spec: FixSpec, ctx: FixContext) -> Fix:
    message = ctx.render(spec.message)
    for kind in spec.kinds:
        edits = FIX_KINDS[kind](spec, ctx)
        if edits:
            return Fix(message, spec.safety, tuple(edits), kind)
    return Fix(message, "display-only", ())
