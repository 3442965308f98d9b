"""Side candidates from phase 1, confirmed against the project: does the value really hold that set?"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from txmix_hook.project.values import Evaluator
from txmix_hook.rules.extension import own_key
from txmix_hook.summary.ir import Attr, Call, StringAnnotation, root_name
from txmix_hook.summary.model import Param, Pos, ScopeSummary


@dataclass(frozen=True)
class SideMatch:
    set_id: str
    module: int
    scope: int
    pos: Pos
    name: str  # how a message names the value: `conn`, `self.session`, `psycopg2.connect(...)`


def confirm_module(evaluator: Evaluator, module: int, wanted: frozenset[str]) -> list[SideMatch]:
    """The side matches of one module, in source order, before the ``Session(bind=conn)`` filter."""
    summary = evaluator.summary(module)
    seen: set[tuple[str, int, int]] = set()
    matches: list[SideMatch] = []
    for candidate in summary.sides:
        sets = [s for s in candidate.set_ids if s in wanted]
        if not sets or _in_signature(summary.scopes[candidate.scope].params, candidate.pos):
            continue  # `pool = Depends(get_pool)`: what the dependency does is followed as a call instead
        value = evaluator.evaluate(module, candidate.value).sets if candidate.value is not None else None
        if value and isinstance(candidate.value, Call):
            value = _made_here(evaluator, module, candidate.value, value)
        for set_id in sets:
            if value is not None and set_id not in value:
                continue
            key = (set_id, candidate.pos.start_byte, candidate.pos.end_byte)
            if key in seen:
                continue
            seen.add(key)
            matches.append(SideMatch(set_id, module, candidate.scope, candidate.pos, candidate.name))
    return matches


def _made_here(evaluator: Evaluator, module: int, call: Call, sets: frozenset[str]) -> frozenset[str]:
    """A call of a project function is a side only by its name (a declared factory): what the
    function returns is its own side, reached by following the call (with the path to show)."""
    callee = evaluator.evaluate(module, call.func)
    if not callee.functions:
        return sets
    named = {s for q in callee.qualnames for s in evaluator.types.by_call.get(q, ())}
    return sets & frozenset(named)


def _in_signature(params: tuple[Param, ...], pos: Pos) -> bool:
    return any(p.pos.start_byte <= pos.start_byte and pos.end_byte <= p.pos.end_byte for p in params)


def is_shared(match: SideMatch, evaluator: Evaluator) -> bool:
    """Raw work on the very connection a session was bound to (``Session(bind=conn)``)."""
    scopes = evaluator.summary(match.module).scopes
    current = match.scope
    while 0 <= current < len(scopes):
        if match.name in evaluator.shared_names.get((match.module, current), ()):
            return True
        current = scopes[current].parent
    return False


def listener_names(scope: ScopeSummary) -> set[str]:
    """Connections a scope dedicates to LISTEN/NOTIFY (``add_listener``, ``execute("LISTEN ...")``).

    Such a connection only waits for notifications in autocommit mode: it never holds work the
    session should see, so it is not the second connection the rules are about.
    """
    names: set[str] = set()
    for site in scope.calls:
        func = site.call.func
        if not isinstance(func, Attr):
            continue
        first = site.call.args[0] if site.call.args else None
        listens = func.name == "add_listener" or (
            func.name == "execute" and isinstance(first, StringAnnotation) and first.text.upper().startswith(("LISTEN", "UNLISTEN"))
        )
        root = root_name(func.base) if listens else None
        if root is not None:
            names.add(root.id)
    return names


def drop_listeners(matches: list[SideMatch], evaluator: Evaluator) -> list[SideMatch]:
    cache: dict[tuple[int, int], set[str]] = {}
    kept = []
    for match in matches:
        key = (match.module, match.scope)
        if key not in cache:
            cache[key] = listener_names(evaluator.summary(match.module).scopes[match.scope])
        if match.name.split(".")[0].split("(")[0] not in cache[key]:
            kept.append(match)
    return kept


def add_own_parts(matches: list[SideMatch], extensions: Iterable[tuple[str, str]]) -> list[SideMatch]:
    """For each (extended set, base set): the matches of the extended set where the base set has
    none, again under ``own_key``: the values only an extension adds (see rules/extension.py)."""
    at = {(m.set_id, m.module, m.pos.start_byte, m.pos.end_byte) for m in matches}
    own = [
        replace(m, set_id=own_key(extended, base))
        for extended, base in sorted(set(extensions))
        for m in matches
        if m.set_id == extended and (base, m.module, m.pos.start_byte, m.pos.end_byte) not in at
    ]
    return matches + own
