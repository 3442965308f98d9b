"""Calls followed across the project: what each function reaches, and by which path.

A function *reaches* a side when it holds it directly, or calls (or receives through
``Depends(...)``) a function that reaches it. Reach is computed once per function with a memo,
a depth bound and a guard that ends recursion and call cycles. A function only passed along
(``threading.Thread(target=f)``, ``app.add_task(f)``) is not called, so it is not followed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from txmix_hook.match.sides import SidesByFunction
from txmix_hook.project.values import Evaluator, FuncRef, Value
from txmix_hook.summary.ir import Attr, Lambda, Name
from txmix_hook.summary.model import Pos

MAX_CALL_DEPTH = 6  # hops followed from one function; deeper chains are cut, never fatal (and rarely one request)


@dataclass(frozen=True)
class Hop:
    module: int
    scope: int  # the function this step is in
    pos: Pos
    kind: str  # "side" (the side itself) | "call" | "depends"
    name: str  # the side's display name, or the qualified name of the function called


Evidence = tuple[Hop, ...]


@dataclass
class Reach:
    """Per pattern set: the earliest path from this function to a side, and the last step in it."""

    first: dict[str, Evidence] = field(default_factory=dict)
    last: dict[str, Hop] = field(default_factory=dict)

    def add(self, set_id: str, evidence: Evidence) -> None:
        head = evidence[0]
        known = self.first.get(set_id)
        if known is None or head.pos.start_byte < known[0].pos.start_byte or (
            head.pos.start_byte == known[0].pos.start_byte and len(evidence) > len(known)  # same place: keep the path
        ):
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
    _reach: dict[FuncRef, Reach] = field(default_factory=dict)
    _open: set[FuncRef] = field(default_factory=set)
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

    def reach(self, function: FuncRef, depth: int = 0) -> Reach:
        known = self._reach.get(function)
        if known is not None:
            return known
        result = Reach()
        for match in self.sides.get(function, ()):
            result.add(match.set_id, (Hop(match.module, match.scope, match.pos, "side", match.name),))
        if function in self._open or depth > MAX_CALL_DEPTH:
            return result  # a cycle or a chain too deep: what is known here, not memoised
        self._open.add(function)
        try:
            for hop, target in self.callees(function):
                below = self.reach(target, depth + 1)
                for set_id, evidence in below.first.items():
                    result.add(set_id, (hop, *evidence))
        finally:
            self._open.discard(function)
        self._reach[function] = result
        return result
