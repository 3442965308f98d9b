"""Calls followed across the project: what each function reaches, and by which path.

A function *reaches* a side when it holds it directly, or calls (or receives through
``Depends(...)``) a function that reaches it, at most ``MAX_CALL_DEPTH`` calls further down. What
a function reaches is a function of the function and the calls left to follow, nothing else:
it is memoised per (function, calls left), so the order functions are checked in never changes
a result, and recursion and call cycles end when no calls are left. A function only passed
along (``threading.Thread(target=f)``, ``app.add_task(f)``) is not called, so it is not followed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from txmix_hook.match.sides import SidesByFunction
from txmix_hook.project.values import Evaluator, FuncRef, Value
from txmix_hook.summary.ir import Attr, Lambda, Name
from txmix_hook.summary.model import Pos

MAX_CALL_DEPTH = 6  # hops followed from one function; deeper chains are cut, never fatal (and rarely one request)
APART_SEARCH_LIMIT = 2000  # functions searched to tell whether a callee mixes without its caller


@dataclass(frozen=True)
class Hop:
    module: int
    scope: int  # the function this step is in
    pos: Pos
    kind: str  # "side" (the side itself) | "call" | "depends"
    name: str  # the side's display name, or the qualified name of the function called


Evidence = tuple[Hop, ...]


def _rank(evidence: Evidence) -> tuple[bool, int, int, int]:
    """How good a path to a side is, larger first: one through each function at most once (a
    path around a call cycle shows nothing that its shorter end does not); the earliest first
    step (where the finding is reported), and of two starting there the inner expression
    (`self.session` before the call `self.session.flush()` that also reaches a session); then
    the fewest calls, the easiest path to read (the side itself over a call at the very same
    expression)."""
    simple = len({(hop.module, hop.scope) for hop in evidence}) == len(evidence)
    head = evidence[0].pos
    return (simple, -head.start_byte, -head.end_byte, -len(evidence))


@dataclass
class Reach:
    """Per pattern set: the best path from this function to a side (``_rank``), and the last
    first step of any path to one."""

    first: dict[str, Evidence] = field(default_factory=dict)
    last: dict[str, Hop] = field(default_factory=dict)

    def add(self, set_id: str, evidence: Evidence) -> None:
        head = evidence[0]
        known = self.first.get(set_id)
        if known is None or _rank(evidence) > _rank(known):
            self.first[set_id] = evidence
        latest = self.last.get(set_id)
        if latest is None or head.pos.start_byte > latest.pos.start_byte:
            self.last[set_id] = head

    def holds(self, set_ids: Iterable[str]) -> bool:
        return all(s in self.first for s in set_ids)


@dataclass
class CallGraph:
    evaluator: Evaluator
    sides: SidesByFunction  # (module, scope) -> confirmed, unshared sides
    _callees: dict[FuncRef, list[tuple[Hop, FuncRef]]] = field(default_factory=dict)
    _within: dict[tuple[FuncRef, int], Reach] = field(default_factory=dict)  # (function, calls left) -> reach
    _whole: dict[FuncRef, tuple[int, Reach]] = field(default_factory=dict)  # reach no bound cut, and the calls it needed
    _deferrals: dict[tuple[FuncRef, tuple[str, ...]], list[FuncRef]] = field(default_factory=dict)
    _reports_here: dict[tuple[FuncRef, tuple[str, ...]], bool] = field(default_factory=dict)
    # (function, keys) -> (does a function that reports lie down its deferrals, the first function there)
    _beyond: dict[tuple[FuncRef, tuple[str, ...]], tuple[bool, FuncRef]] = field(default_factory=dict)
    _callable_names: set[str] | None = None

    def callable_names(self) -> set[str]:
        """Names a call must end in to reach project code: defs, classes, names bound to lambdas
        (from each module's record, so no summary is unpickled for it)."""
        if self._callable_names is None:
            self._callable_names = set().union(*(module.record.callables for module in self.evaluator.project.modules))
        return self._callable_names

    def qualname(self, function: FuncRef) -> str:
        module, scope = function
        return self.evaluator.summary(module).scopes[scope].qualname

    def callees(self, function: FuncRef) -> list[tuple[Hop, FuncRef]]:
        known = self._callees.get(function)
        if known is not None:
            return known
        module, index = function
        evaluator = self.evaluator
        summary = evaluator.summary(module)
        scope = summary.scopes[index]
        found: list[tuple[Hop, FuncRef]] = []
        if scope.kind != "module":
            names = self.callable_names()
            for site in scope.calls:
                for argument in site.call.args:  # `with_retries(lambda: psycopg2.connect(URL))`
                    if isinstance(argument, Lambda) and argument.start_byte in summary.lambdas:
                        found.append((Hop(module, index, site.pos, "call", "<lambda>"), (module, summary.lambdas[argument.start_byte])))
                func = site.call.func
                last = func.name if isinstance(func, Attr) else (func.id if isinstance(func, Name) else "")
                if last not in names and not isinstance(func, Lambda):
                    continue
                for target in self._targets(module, evaluator.evaluate(module, func)):
                    if target != function:
                        found.append((Hop(module, index, site.pos, "call", self.qualname(target)), target))
            for param in scope.params:
                for where, provider in evaluator.dependencies(module, param.annotation, param.default):
                    for target in self._targets(where, evaluator.evaluate(where, provider)):
                        found.append((Hop(module, index, param.pos, "depends", self.qualname(target)), target))
        self._callees[function] = found
        return found

    def _targets(self, module: int, value: Value) -> list[FuncRef]:
        targets = list(value.functions)
        for class_module, klass in value.classes:
            init = self.evaluator.summary(class_module).classes[klass].methods.get("__init__")
            if init is not None:
                targets.append((class_module, init))
        return targets

    def explore(self, functions: Iterable[FuncRef]) -> tuple[list[FuncRef], dict[FuncRef, list[FuncRef]]]:
        """List the callees of ``functions`` and of everything they call, as deep as ``reach``
        follows calls (breadth first: each function at its shortest distance). Returns every
        function reached and who calls whom, for ``reaching``."""
        distance = dict.fromkeys(functions, 0)
        order = list(distance)
        callers: dict[FuncRef, list[FuncRef]] = {}
        for function in order:  # grows while it runs
            if distance[function] > MAX_CALL_DEPTH:
                continue  # reach takes such a function's own sides only
            for _, target in self.callees(function):
                callers.setdefault(target, []).append(function)
                if target not in distance:
                    distance[target] = distance[function] + 1
                    order.append(target)
        return order, callers

    def reaching(self, explored: tuple[list[FuncRef], dict[FuncRef, list[FuncRef]]], sets: frozenset[str]) -> set[FuncRef]:
        """The ``explored`` functions that hold a value of one of ``sets`` or call, within the
        depth ``reach`` follows, a function that does: a superset of where ``reach`` can find
        one, computed without evaluating any other side."""
        functions, callers = explored
        found = {function for function in functions if self.sides.may_hold(function, sets)}
        pending = list(found)
        while pending:
            for caller in callers.get(pending.pop(), ()):
                if caller not in found:
                    found.add(caller)
                    pending.append(caller)
        return found

    def reach(self, function: FuncRef) -> Reach:
        """What ``function`` reaches, following calls ``MAX_CALL_DEPTH`` deep."""
        return self._reach(function, MAX_CALL_DEPTH)[0]

    def _reach(self, function: FuncRef, calls_left: int) -> tuple[Reach, bool]:
        """(what ``function`` reaches with ``calls_left`` more calls followed, whether the bound
        cut anything off). A result no bound cut is the same with more calls left, so it is kept
        once for every larger bound; a cut one (a deep chain, any cycle) per bound."""
        whole = self._whole.get(function)
        if whole is not None and calls_left >= whole[0]:
            return whole[1], False
        known = self._within.get((function, calls_left))
        if known is not None:
            return known, True
        result = Reach()
        for match in self.sides.get(function, ()):
            result.add(match.set_id, (Hop(match.module, match.scope, match.pos, "side", match.name),))
        cut = calls_left < 0  # its calls are not followed: what is known here
        if not cut:
            for hop, target in self.callees(function):
                below, below_cut = self._reach(target, calls_left - 1)
                cut = cut or below_cut
                for set_id, evidence in below.first.items():
                    result.add(set_id, (hop, *evidence))
        if cut:
            self._within[(function, calls_left)] = result
        else:
            self._whole[function] = (calls_left, result)
        return result, cut

    def callee_reports(self, function: FuncRef, set_ids: list[str]) -> bool:
        """Is a finding for ``set_ids`` reached through ``function`` reported further in?

        ``function`` defers to a callee that holds them all by paths that do not pass back
        through ``function``: a callee that reaches a side only by calling back (`audit()`
        calls `save()`, which calls `audit()`) leaves the finding here. Deferring must end
        somewhere: when every function the deferrals lead to defers again (two functions that
        each mix and call each other; a ring of functions each holding one side and reaching
        the other through the next), the first of them by file and position reports it. Judged
        on the call graph alone, so nothing depends on the order functions are checked in or
        on which files are named."""
        keys = tuple(set_ids)
        if (function, keys) not in self._reports_here:
            self._judge(function, keys)
        return not self._reports_here[(function, keys)]

    def _judge(self, start: FuncRef, keys: tuple[str, ...]) -> None:
        """Decide every function the deferrals from ``start`` lead to at once: each group of
        functions deferring round in a circle (a strongly connected component of the deferrals)
        after the groups it defers to, so each function is judged once per run."""
        region: dict[FuncRef, list[FuncRef]] = {}
        pending = [start]
        while pending:
            node = pending.pop()
            if node in region or (node, keys) in self._reports_here:
                continue
            region[node] = self._defers_to(node, keys)
            pending.extend(region[node])
        for group in _components_in_order(region):
            reporter = any(not region[node] for node in group)  # a function that defers to none reports
            first = min(group, key=self._stable)
            for node in group:
                for target in region[node]:
                    if target not in group:
                        reporter = reporter or self._beyond[(target, keys)][0]
                        first = min(first, self._beyond[(target, keys)][1], key=self._stable)
            for node in group:
                self._beyond[(node, keys)] = (reporter, first)
                self._reports_here[(node, keys)] = not region[node] or (not reporter and node == first)

    def _defers_to(self, function: FuncRef, keys: tuple[str, ...]) -> list[FuncRef]:
        known = self._deferrals.get((function, keys))
        if known is None:
            known = self._deferrals[(function, keys)] = [
                target
                for _, target in self.callees(function)
                if self._holds_apart(target, function, keys)
            ]
        return known

    def _stable(self, function: FuncRef) -> tuple[str, int]:
        """A function's place by file and scope: module numbers depend on the files named."""
        module, scope = function
        return (self.evaluator.project.modules[module].display, scope)

    def _holds_apart(self, function: FuncRef, other: FuncRef, set_ids: tuple[str, ...]) -> bool:
        """Does ``function`` reach every one of ``set_ids`` by a path that does not pass ``other``?
        The paths ``reach`` chose answer it when they avoid ``other``; otherwise the calls are
        searched again with ``other`` left out (breadth first, as deep as reach follows calls,
        at most ``APART_SEARCH_LIMIT`` functions: past that the chosen paths' answer stands)."""
        reach = self.reach(function)
        if not reach.holds(set_ids):
            return False
        missing = {s for s in set_ids if any((hop.module, hop.scope) == other for hop in reach.first[s])}
        if not missing:
            return True
        seen = {function, other}
        frontier = [function]
        for calls in range(MAX_CALL_DEPTH + 2):
            following: list[FuncRef] = []
            for node in frontier:
                missing.difference_update(match.set_id for match in self.sides.get(node, ()))
                if not missing:
                    return True
                if calls > MAX_CALL_DEPTH:
                    continue  # reach takes such a function's own sides only
                for _, target in self.callees(node):
                    if target not in seen:
                        if len(seen) >= APART_SEARCH_LIMIT:
                            return False
                        seen.add(target)
                        following.append(target)
            frontier = following
        return False


def _components_in_order(edges: dict[FuncRef, list[FuncRef]]) -> list[list[FuncRef]]:
    """Tarjan's strongly connected components of ``edges`` (targets outside it are ignored),
    iteratively (chains can be long), each listed after every component it leads to."""
    index: dict[FuncRef, int] = {}
    low: dict[FuncRef, int] = {}
    stack: list[FuncRef] = []
    on_stack: set[FuncRef] = set()
    found: list[list[FuncRef]] = []
    inside: dict[FuncRef, list[FuncRef]] = {}
    for root in edges:
        if root in index:
            continue
        work: list[tuple[FuncRef, int]] = [(root, 0)]
        while work:
            node, position = work.pop()
            if position == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            targets = inside.get(node)
            if targets is None:
                targets = inside[node] = [target for target in edges[node] if target in edges]
            for step in range(position, len(targets)):
                target = targets[step]
                if target not in index:
                    work.append((node, step + 1))
                    work.append((target, 0))
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            else:
                if low[node] == index[node]:
                    group: list[FuncRef] = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    found.append(group)
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
    return found
