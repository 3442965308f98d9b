"""Side candidates from phase 1, confirmed against the project: does the value really hold that set?"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from txmix_hook.project.values import Evaluator
from txmix_hook.rules.extension import own_key
from txmix_hook.summary.ir import Attr, Call, Expr, StringAnnotation, root_name
from txmix_hook.summary.model import Param, Pos, ScopeSummary, SideCandidate, outward


@dataclass(frozen=True)
class SideMatch:
    set_id: str
    module: int
    scope: int
    pos: Pos
    name: str  # how a message names the value: `conn`, `self.session`, `psycopg2.connect(...)`


def confirm(evaluator: Evaluator, module: int, candidates: Iterable[SideCandidate], wanted: frozenset[str]) -> list[SideMatch]:
    """The side matches among one scope's candidates, in source order, before the
    ``Session(bind=conn)`` filter."""
    summary = evaluator.summary(module)
    seen: set[tuple[str, int, int]] = set()
    matches: list[SideMatch] = []
    for candidate in candidates:
        sets = [s for s in candidate.set_ids if s in wanted]
        if not sets or _in_signature(summary.scopes[candidate.scope].params, candidate.pos):
            continue  # `pool = Depends(get_pool)`: what the dependency does is followed as a call instead
        value = _made_here(evaluator, module, candidate.value) if candidate.value is not None else None
        for set_id in sets:
            if value is not None and set_id not in value:
                continue
            key = (set_id, candidate.pos.start_byte, candidate.pos.end_byte)
            if key in seen:
                continue
            seen.add(key)
            matches.append(SideMatch(set_id, module, candidate.scope, candidate.pos, candidate.name))
    return matches


def _made_here(evaluator: Evaluator, module: int, expr: Expr) -> frozenset[str]:
    """The sets a side candidate's value holds. A call of a project function is a side only by
    its name (a declared factory): what the function returns is its own side, reached by
    following the call (with the path to show). So such a call is not evaluated at all unless
    a factory is declared under its name: evaluating it means evaluating what the function
    returns, most of the work of confirming a module that calls its own helpers."""
    if not isinstance(expr, Call):
        return evaluator.evaluate(module, expr).sets
    callee = evaluator.evaluate(module, expr.func)
    if not callee.functions:
        return evaluator.evaluate(module, expr).sets
    named = frozenset(s for q in callee.qualnames for s in evaluator.types.by_call.get(q, ()))
    return evaluator.evaluate(module, expr).sets & named if named else frozenset()


def _in_signature(params: tuple[Param, ...], pos: Pos) -> bool:
    return any(p.pos.start_byte <= pos.start_byte and pos.end_byte <= p.pos.end_byte for p in params)


def is_shared(match: SideMatch, evaluator: Evaluator) -> bool:
    """Raw work on the very connection a session was bound to (``Session(bind=conn)``)."""
    scopes = evaluator.summary(match.module).scopes
    return any(match.name in evaluator.shared_names.get((match.module, scope), ()) for scope in outward(scopes, match.scope))


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


class SidesByFunction:
    """Confirmed sides per function, ``(module, scope)`` -> matches in source order, without the
    ones on a session's own connection (``Session(bind=conn)``) or on a LISTEN connection.

    A scope is confirmed on first use, after the scopes around it (what ``Session(bind=conn)``
    shares is learnt while the scope holding ``conn`` is evaluated): a run that names ten files
    of a large project confirms only the functions their analysis reaches.
    """

    def __init__(self, evaluator: Evaluator, wanted: frozenset[str], extensions: Iterable[tuple[str, str]] = ()) -> None:
        self.evaluator = evaluator
        self.wanted = wanted
        self.extensions = tuple(extensions)
        self._by_function: dict[tuple[int, int], list[SideMatch]] = {}
        self._candidates: dict[int, dict[int, list[SideCandidate]]] = {}

    def get(self, function: tuple[int, int], default: Sequence[SideMatch] = ()) -> Sequence[SideMatch]:
        found = self._by_function.get(function)
        if found is None:
            module, scope = function
            scopes = self.evaluator.summary(module).scopes
            chain: list[int] = []
            while 0 <= scope < len(scopes) and (module, scope) not in self._by_function:
                chain.append(scope)
                scope = scopes[scope].parent
            for outer_first in reversed(chain):
                self._confirm(module, outer_first)
            found = self._by_function.get(function, [])
        return found or default

    def may_hold(self, function: tuple[int, int], sets: frozenset[str]) -> bool:
        """Does the function hold a value of one of ``sets``, before the filters that only drop
        matches? Only those sets' candidates are evaluated: the session's are a few per
        function, where every call is a candidate for a connection."""
        module, scope = function
        sets = sets & self.wanted
        candidates = [c for c in self._candidates_in(module).get(scope, ()) if not sets.isdisjoint(c.set_ids)]
        return bool(candidates) and bool(confirm(self.evaluator, module, candidates, sets))

    def _candidates_in(self, module: int) -> dict[int, list[SideCandidate]]:
        by_scope = self._candidates.get(module)
        if by_scope is None:
            by_scope = self._candidates[module] = {}
            for candidate in self.evaluator.summary(module).sides:
                by_scope.setdefault(candidate.scope, []).append(candidate)
        return by_scope

    def _confirm(self, module: int, scope: int) -> None:
        confirmed = confirm(self.evaluator, module, self._candidates_in(module).get(scope, ()), self.wanted)
        kept = drop_listeners([m for m in confirmed if not is_shared(m, self.evaluator)], self.evaluator)
        self._by_function[(module, scope)] = add_own_parts(kept, self.extensions)
