"""Rules over the call graph: which function holds both sides of a rule, and the finding it gets.

``scope: function`` looks at one function's own sides. ``scope: request`` (the built-in rules)
and ``scope: transaction`` follow calls and ``Depends(...)``: a finding is reported once, in the innermost function
that reaches both sides where no single callee already reaches both on its own (see
``CallGraph.callee_reports`` for functions that call each other), at the first raw-side
expression in it or the call that leads to the raw work, whichever comes first. The session's
own state on the way decides the severity: closed (``close()``, the end of ``with
Session() as s:``) before the raw work starts, no finding; committed (``commit()``, the end of
``with X.begin():``), a warning at request scope (the visibility bug cannot happen, atomicity
is still lost) and nothing at transaction scope; otherwise the rule's severity. Order is source
order within the function, with a callee's work placed at its call; branches are not told apart.
"""

from __future__ import annotations

import re

from collections.abc import Sequence
from dataclasses import dataclass

from txmix_hook.finding import Finding, Location, Related
from txmix_hook.match.graph import CallGraph, Evidence, Hop, Reach
from txmix_hook.project.values import Evaluator
from txmix_hook.rules.extension import Variant
from txmix_hook.rules.model import Rule
from txmix_hook.rules.rulebook import RuleBook
from txmix_hook.summary.ir import Attr, Call, dotted
from txmix_hook.summary.model import CallSite, Pos, outward

SESSION_SET = "sqlalchemy-session"
_PASSABLE = re.compile(r"[A-Za-z_]\w*(\.[A-Za-z_]\w*)*")  # `db`, `self.session`: a value a call can pass on


@dataclass(frozen=True)
class FixRequest:
    """What the fix stage needs to rebuild the nodes of a one-function finding from the file."""

    rule: Rule
    module: int
    scope_pos: Pos
    raw_pos: Pos
    orm_name: str
    raw_name: str
    values: dict[str, object]
    imports: dict[str, str]
    direct: bool  # both sides in the function itself: edits possible; otherwise the suggestion only


@dataclass(frozen=True)
class Planned:
    finding: Finding
    fix: FixRequest | None


def start(pos: Pos) -> Location:
    return Location(pos.row, pos.column)


def end(pos: Pos) -> Location:
    return Location(pos.end_row, pos.end_column)


@dataclass
class RuleMatcher:
    book: RuleBook
    evaluator: Evaluator
    graph: CallGraph
    variants: dict[str, list[Variant]]  # rule id -> the ways its sides may be held (rules/extension.py)

    def display(self, module: int) -> str:
        return self.evaluator.project.modules[module].display

    def find(self, rules: Sequence[Rule], functions: Sequence[tuple[int, int]]) -> list[Planned]:
        planned: list[Planned] = []
        gate = self._gate(rules)
        candidates = self.graph.reaching(self.graph.explore(functions), gate) if gate is not None else set(functions)
        for function in functions:
            if function not in candidates:
                continue  # reaches no session: no rule can hold here, and its connections are never evaluated
            for rule in rules:
                found = self._check(rule, function)
                if found is not None:
                    planned.append(found)
        return planned

    def _gate(self, rules: Sequence[Rule]) -> frozenset[str] | None:
        """Sets a function must reach for any rule to hold there: every side but the reported one
        (the session, for the built-in rules). None when a rule has no such side."""
        sets: set[str] = set()
        for rule in rules:
            for variant in self.variants[rule.id]:
                others = [part for name, part in variant.items() if name != rule.report_at]
                if not others:
                    return None
                sets.update(part.own_of[0] if part.own_of else part.key for part in others)
        return frozenset(sets)

    def _own(self, function: tuple[int, int]) -> Reach:
        reach = Reach()
        for match in self.graph.sides.get(function, ()):
            reach.add(match.set_id, (Hop(match.module, match.scope, match.pos, "side", match.name),))
        return reach

    def _check(self, rule: Rule, function: tuple[int, int]) -> Planned | None:
        """The rule's finding in ``function``: of the variants reported here, the one whose raw
        side comes first (a rule that extends no other has one variant, its own sets)."""
        found: tuple[int, int, Variant, Reach, str] | None = None
        for number, variant in enumerate(self.variants[rule.id]):
            held = self._held(rule, variant, function)
            if held is not None:
                reach, severity = held
                raw_start = reach.first[variant[rule.report_at].key][0].pos.start_byte
                if found is None or (raw_start, number) < found[:2]:
                    found = (raw_start, number, variant, reach, severity)
        return None if found is None else self._planned(rule, found[2], function, found[3], found[4])

    def _held(self, rule: Rule, variant: Variant, function: tuple[int, int]) -> tuple[Reach, str] | None:
        """(the reach, the severity) when ``function`` is where this variant of the rule is reported."""
        keys = [part.key for part in variant.values()]
        if rule.scope == "function":
            reach = self._own(function)
            if not reach.holds(keys):
                return None
        else:
            reach = self.graph.reach(function)
            if not reach.holds(keys):
                return None
            if self.graph.callee_reports(function, keys):
                return None  # a callee holds both: it is reported there
        raw = reach.first[variant[rule.report_at].key]
        severity = rule.severity
        if rule.scope != "function":
            orm_keys = [part.key for name, part in variant.items() if name != rule.report_at]
            state = self._session_state(orm_keys, function, reach, raw[0].pos.start_byte)
            if state == "closed" or (state == "committed" and rule.scope == "transaction"):
                return None  # transaction scope: raw work after the commit is outside the ORM transaction
            if state == "committed" and severity == "error":
                severity = "warning"
        return reach, severity

    def _session_state(self, orm_sets: list[str], function: tuple[int, int], reach: Reach, raw_start: int) -> str:
        """"open", "committed" or "closed": the ORM side's state when the raw work starts in ``function``."""
        if any(reach.last[s].pos.start_byte > raw_start for s in orm_sets):
            return "open"  # ORM work after the raw work started
        module, index = function
        scope = self.evaluator.summary(module).scopes[index]
        events: list[tuple[int, str]] = []
        for site in scope.calls:
            if site.pos.start_byte >= raw_start:
                break
            func = site.call.func
            if isinstance(func, Attr) and func.name in ("commit", "close", "rollback"):
                if SESSION_SET in self.evaluator.evaluate(module, func.base).sets:
                    events.append((site.pos.end_byte, "closed" if func.name == "close" else "committed"))
        for block in scope.withs:
            if block.end_byte <= raw_start and SESSION_SET in self.evaluator.evaluate(module, block.value).sets:
                begun = isinstance(block.value, Call) and isinstance(block.value.func, Attr) and block.value.func.name == "begin"
                events.append((block.end_byte, "committed" if begun else "closed"))
        last_orm = max(reach.last[s].pos.start_byte for s in orm_sets)
        state = "open"
        for at, what in sorted(events):
            if at < last_orm:
                continue  # ended before the last ORM work: the session was used again since
            if what == "closed":
                return "closed"
            state = "committed"
        return state

    def _planned(self, rule: Rule, variant: Variant, function: tuple[int, int], reach: Reach, severity: str) -> Planned:
        module, index = function
        scope = self.evaluator.summary(module).scopes[index]
        evidence = {side.name: reach.first[variant[side.name].key] for side in rule.sides}
        labels = {side.name: self.book.sets[variant[side.name].label_set].label for side in rule.sides}
        values: dict[str, object] = {"scope_name": scope.qualname, "rule_id": rule.id}
        for side in rule.sides:
            path = evidence[side.name]
            values[side.name] = path[-1].name
            values[f"{side.name}_line"] = path[0].pos.row
            values[f"{side.name}_label"] = labels[side.name]
        raw_path = evidence[rule.report_at]
        primary = raw_path[0]
        message = rule.message.format(**values)
        orm_side = next(s for s in rule.sides if s.name != rule.report_at)
        advice = self._pass_down(function, raw_path, evidence[orm_side.name])
        if advice:
            message = f"{message} ({advice})"
        chain = self._chain(rule, evidence, labels)
        if chain:
            message = f"{message} [{chain}]"
        related: list[Related] = []
        raw_first = sorted(rule.sides, key=lambda side: side.name != rule.report_at)
        for side in raw_first:
            path = evidence[side.name]
            hops = path[1:] if side.name == rule.report_at else path
            label = labels[side.name]
            for hop in hops:
                if hop.kind == "side":
                    text = f"{label} `{hop.name}` used here"
                elif hop.kind == "depends":
                    text = f"`{hop.name}` provided here through Depends(...)"
                else:
                    text = f"`{hop.name}` called here"
                related.append(Related(self.display(hop.module), start(hop.pos), end(hop.pos), text))
        finding = Finding(
            code=rule.id,
            message=message,
            severity=severity,
            filename=self.display(module),
            location=start(primary.pos),
            end_location=end(primary.pos),
            scope_name=scope.qualname,
            scope_kind="module" if scope.kind == "main" else scope.kind,
            related=tuple(related),
            scope_row=scope.pos.row,
        )
        fix = None
        if rule.fix is not None:
            direct = len(raw_path) == 1 and len(evidence[orm_side.name]) == 1
            summary = self.evaluator.summary(module)
            fix = FixRequest(rule, module, scope.pos, primary.pos, evidence[orm_side.name][-1].name, primary.name, values, summary.imports, direct)
        return Planned(finding, fix)

    def _pass_down(self, function: tuple[int, int], raw_path: Evidence, orm_path: Evidence) -> str:
        """Where the advice applies when the raw work is in a function this one calls and the
        session is this function's own: the rule's "run the SQL through the session" means
        handing the session down to that function, which now opens a connection of its own."""
        name = orm_path[0].name
        if len(raw_path) < 2 or len(orm_path) != 1 or not _PASSABLE.fullmatch(name) or name.endswith(".query"):
            return ""  # the session is a callee's, or not a variable (`Model.query`): nothing to hand down
        end = raw_path[-1]
        if self._already_has(function, raw_path, name):
            return ""  # the rule's own advice applies there as it stands
        return f"`{self.graph.qualname((end.module, end.scope))}` opens that connection itself: pass `{name}` down to it"

    def _already_has(self, function: tuple[int, int], raw_path: Evidence, name: str) -> bool:
        """Can the function that opens the connection use the session ``name`` already? It can
        when it is a lambda or closure inside ``function``, when every call on the way is a method
        called on the same ``self`` (`self._raw()` sees `self.session`), or when it is called
        directly with the session as an argument (`export(db)`)."""
        module, index = function
        end = raw_path[-1]
        scopes = self.evaluator.summary(module).scopes
        if end.module == module and index in outward(scopes, end.scope):
            return True
        sites = [self._site(hop) for hop in raw_path[:-1]]
        if "." in name and name.split(".")[0] == scopes[index].self_name and all(self._on_self(site, hop) for site, hop in zip(sites, raw_path)):
            return True
        first = sites[0]
        if len(raw_path) == 2 and first is not None:
            return any(dotted(arg) == name for arg in (*first.call.args, *(value for _, value in first.call.kwargs)))
        return False

    def _site(self, hop: Hop) -> CallSite | None:
        """The call a "call" step of a path is at."""
        if hop.kind != "call":
            return None
        scope = self.evaluator.summary(hop.module).scopes[hop.scope]
        return next((site for site in scope.calls if site.pos == hop.pos), None)

    def _on_self(self, site: CallSite | None, hop: Hop) -> bool:
        """Is the call at ``hop`` a method called on the calling method's own ``self``?"""
        self_name = self.evaluator.summary(hop.module).scopes[hop.scope].self_name
        return bool(self_name) and site is not None and isinstance(site.call.func, Attr) and dotted(site.call.func.base) == self_name

    def _origin(self, hop: Hop) -> str:
        """Where a side's value came from when a dependency provided it: `db` from `Depends(get_db)`."""
        scope = self.evaluator.summary(hop.module).scopes[hop.scope]
        root = hop.name.split(".")[0].split("(")[0]
        for param in scope.params:
            if param.name != root:
                continue
            for where, provider in self.evaluator.dependencies(hop.module, param.annotation, param.default):
                for module, index in sorted(self.evaluator.evaluate(where, provider).functions):
                    function = self.evaluator.summary(module).scopes[index]
                    return f"`{root}` from `Depends({function.name})` ({self.display(module)}:{function.pos.row})"
        return ""

    def _chain(self, rule: Rule, evidence: dict[str, Evidence], labels: dict[str, str]) -> str:
        """How each side that is not directly in the function is reached, for the message."""
        parts = []
        for side in rule.sides:
            path = evidence[side.name]
            origin = self._origin(path[-1])
            if origin:
                parts.append(origin)
            if len(path) < 2:
                continue
            end_hop = path[-1]
            label = labels[side.name]
            where = f"{self.display(end_hop.module)}:{end_hop.pos.row}"
            owner = self.graph.qualname((end_hop.module, end_hop.scope))
            steps = ", ".join(
                f"{'provided by Depends' if hop.kind == 'depends' else 'called'} from `{self.graph.qualname((hop.module, hop.scope))}` ({self.display(hop.module)}:{hop.pos.row})"
                for hop in reversed(path[:-1])
            )
            parts.append(f"{label} `{end_hop.name}` in `{owner}` ({where}), {steps}")
        return "; ".join(parts)
