"""What an expression is, across the whole project: which pattern sets, which functions, which classes.

"Bindings, not name guessing": a name is an ORM session because an import, an annotation, a
constructor call, a ``with ... as``, a FastAPI ``Depends`` or a binding in another module made
it one; ``session = requests.Session()`` evaluates to nothing at all. Names resolve through
imports into other modules' summaries (re-exports through ``__init__.py`` included), with a
memo and a guard against cycles, so each binding is evaluated once per run.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from txmix_hook.project.index import ProjectIndex
from txmix_hook.project.typeindex import TypeIndex
from txmix_hook.summary.ir import Attr, Call, Either, Expr, Lambda, Name, StringAnnotation, Subscript
from txmix_hook.summary.model import Binding, ModuleSummary

# Calls that mean "the result of calling my first argument" (dependency injection).
DEPENDENCY_MARKERS = frozenset({"fastapi.Depends", "fastapi.params.Depends", "fastapi.Security"})
TYPE_WRAPPERS = frozenset({"typing.Optional", "typing.Annotated", "typing.Union", "typing_extensions.Annotated", "typing_extensions.Optional"})
WRAPPER_NAMES = frozenset({"Optional", "Annotated", "Union"})
FLASK_G = "flask.g"
# How many evaluations may be open at once (`c2 = c1`, `c1 = c0`, ... across modules). Past
# this the value is unknown, which keeps a pathological project silent, not fatal.
MAX_DEPTH = 60

FuncRef = tuple[int, int]  # (module number, scope index)
ClassRef = tuple[int, int]  # (module number, class index)


@dataclass(frozen=True)
class Value:
    sets: frozenset[str] = frozenset()
    qualnames: frozenset[str] = frozenset()  # what a name refers to: "psycopg2.connect", "app.db.engine"
    functions: frozenset[FuncRef] = frozenset()  # project defs and lambdas it may be
    classes: frozenset[ClassRef] = frozenset()  # project classes it may be
    instances: frozenset[ClassRef] = frozenset()  # instances of project classes it may be

    def __or__(self, other: Value) -> Value:
        if not other:
            return self
        if not self:
            return other
        return Value(
            self.sets | other.sets,
            self.qualnames | other.qualnames,
            self.functions | other.functions,
            self.classes | other.classes,
            self.instances | other.instances,
        )

    def __bool__(self) -> bool:
        return bool(self.sets or self.qualnames or self.functions or self.classes or self.instances)


NOTHING = Value()


@dataclass
class Evaluator:
    project: ProjectIndex
    types: TypeIndex
    other_databases: frozenset[str] = frozenset()  # a connection made from one of these is unrelated
    shared_names: dict[tuple[int, int], set[str]] = field(default_factory=lambda: defaultdict(set))
    _memo: dict[tuple[int, int], Value] = field(default_factory=dict)
    _busy: set[object] = field(default_factory=set)
    _qualnames: dict[str, Value] = field(default_factory=dict)
    _returns: dict[FuncRef, Value] = field(default_factory=dict)
    _stores: dict[tuple[str, str], list[tuple[int, Expr]]] | None = None
    _summaries: list[ModuleSummary | None] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._summaries = [None] * len(self.project.modules)

    def summary(self, module: int) -> ModuleSummary:
        """Asked for hundreds of thousands of times a run: a list lookup once unpickled."""
        known = self._summaries[module]
        if known is None:
            known = self._summaries[module] = self.project.modules[module].summary
        return known

    # ---- expressions ------------------------------------------------------------------------
    def evaluate(self, module: int, expr: Expr | None) -> Value:
        if expr is None:
            return NOTHING
        key = (module, id(expr))
        known = self._memo.get(key)
        if known is not None:
            return known
        if key in self._busy or len(self._busy) > MAX_DEPTH:
            return NOTHING
        self._busy.add(key)
        try:
            value = self._evaluate(module, expr)
        finally:
            self._busy.discard(key)
        self._memo[key] = value
        return value

    def _evaluate(self, module: int, expr: Expr) -> Value:
        if isinstance(expr, (Name, Attr)):
            value = self.lookup(module, expr.id, expr.scope) if isinstance(expr, Name) else self._attribute(module, expr)
            named = frozenset(s for q in value.qualnames for s in self.types.by_name.get(q, ()))  # `name:` values
            return value | Value(sets=named) if named else value
        if isinstance(expr, Call):
            return self._call(module, expr)
        if isinstance(expr, Either):
            result = NOTHING
            for option in expr.options:
                result = result | self.evaluate(module, option)
            return result
        if isinstance(expr, Lambda):
            scope = self.summary(module).lambdas.get(expr.start_byte)
            return Value(functions=frozenset({(module, scope)})) if scope is not None else NOTHING
        return NOTHING

    def bindings_of(self, module: int, name: str, scope: int) -> tuple[int, list[Binding]] | None:
        """The bindings ``name`` resolves to from ``scope``, and the scope holding them."""
        scopes = self.summary(module).scopes
        current = scope
        while 0 <= current < len(scopes):
            found = scopes[current].bindings.get(name)
            if found:
                return current, found
            if name in scopes[current].functions or name in scopes[current].classes:
                return None
            current = scopes[current].parent
        return None

    def lookup(self, module: int, name: str, scope: int) -> Value:
        summary = self.summary(module)
        current = scope
        while 0 <= current < len(summary.scopes):
            here = summary.scopes[current]
            bindings = here.bindings.get(name)
            if bindings:
                value = self._bindings(module, bindings)
                if current == 0 and summary.module:  # a module-level name is also a dotted name
                    value = value | Value(qualnames=frozenset({f"{summary.module}.{name}"}))
                return value
            dotted = frozenset({f"{summary.module}.{name}"}) if current == 0 and summary.module else frozenset()
            function = here.functions.get(name)
            if function is not None:
                return Value(qualnames=dotted, functions=frozenset({(module, function)}))
            klass = here.classes.get(name)
            if klass is not None:
                return self._class_value(module, klass) | Value(qualnames=dotted)
            current = here.parent
        qualname = summary.imports.get(name)
        return self.qualname(qualname) if qualname else NOTHING

    def _bindings(self, module: int, bindings: list[Binding]) -> Value:
        result = NOTHING
        for binding in bindings:
            if binding.how == "value":
                result = result | self.evaluate(module, binding.expr)
            elif binding.how == "annotation" and binding.expr is not None:
                result = result | self.annotation(module, binding.expr, binding.param)
        return result

    def _class_value(self, module: int, klass: int) -> Value:
        """A project class: itself, plus the sets its bases give (``class Order(db.Model)``)."""
        key = ("class", module, klass)
        if key in self._busy:
            return Value(classes=frozenset({(module, klass)}))
        self._busy.add(key)
        try:
            sets: set[str] = set()
            for base in self.summary(module).classes[klass].bases:
                sets |= self.evaluate(module, base).sets
        finally:
            self._busy.discard(key)
        return Value(sets=frozenset(sets), classes=frozenset({(module, klass)}))

    def qualname(self, qualname: str) -> Value:
        """An imported or dotted name: itself, and what the project module it names binds it to."""
        known = self._qualnames.get(qualname)
        if known is not None:
            return known
        result = Value(qualnames=frozenset({qualname}))
        key = ("q", qualname)
        if key in self._busy or len(self._busy) > MAX_DEPTH:
            return result
        self._busy.add(key)
        try:
            found = self.project.split(qualname)
            parent, _, last = qualname.rpartition(".")
            package = self.project.by_name.get(parent)
            if found is not None and not found[1] and package is not None and self._binds(package, last):
                found = (package, [last])  # `from .pool import pool` in app/__init__.py shadows the submodule
            if found is not None:
                module, rest = found
                if len(rest) == 1:
                    result = result | self.lookup(module, rest[0], 0)
                elif len(rest) > 1:
                    head = self.qualname(qualname.rsplit(".", 1)[0])
                    result = result | self._member(head, rest[-1])
        finally:
            self._busy.discard(key)
        self._qualnames[qualname] = result
        return result

    def _binds(self, module: int, name: str) -> bool:
        summary = self.summary(module)
        scope = summary.scopes[0]
        return name in summary.imports or name in scope.bindings or name in scope.functions or name in scope.classes

    def _attribute(self, module: int, expr: Attr) -> Value:
        result = self._self_attribute(module, expr)
        base = self.evaluate(module, expr.base)
        result = result | self._member(base, expr.name)
        if expr.name and (FLASK_G in base.qualnames or (isinstance(expr.base, Attr) and expr.base.name == "state")):
            result = result | self._stored(FLASK_G if FLASK_G in base.qualnames else "state", expr.name)
        return result

    def _member(self, base: Value, name: str) -> Value:
        """``base.name`` for a value already known: pattern-set attributes, dotted names, class members."""
        sets = frozenset(s for owner in base.sets for s in self.types.attribute_of.get((owner, name), ()))
        result = Value(sets=sets)
        for qualname in base.qualnames:
            result = result | self.qualname(f"{qualname}.{name}")
        for module, klass in base.classes | base.instances:
            result = result | self._class_member(module, klass, name, set())
        return result

    def _class_member(self, module: int, klass: int, name: str, seen: set[ClassRef]) -> Value:
        if (module, klass) in seen or len(seen) > 16:
            return NOTHING
        seen.add((module, klass))
        summary = self.summary(module).classes[klass]
        bindings = summary.attributes.get(name)
        if bindings:
            return self._bindings(module, bindings)
        method = summary.methods.get(name)
        if method is not None:
            return Value(functions=frozenset({(module, method)}))
        result = NOTHING
        for base in summary.bases:
            for base_module, base_class in self.evaluate(module, base).classes:
                result = result | self._class_member(base_module, base_class, name, seen)
        return result

    def _self_attribute(self, module: int, expr: Attr) -> Value:
        """``self.session`` inside a method: whatever the class assigned or annotated it as."""
        if not isinstance(expr.base, Name):
            return NOTHING
        method = self.method_of(module, expr.base.scope)
        if method is None:
            return NOTHING
        scope = self.summary(module).scopes[method]
        if scope.self_name != expr.base.id or self.bindings_of(module, expr.base.id, expr.base.scope) is None:
            return NOTHING
        return self._class_member(module, scope.klass, expr.name, set())

    def method_of(self, module: int, scope: int) -> int | None:
        """The method a scope is (or is a lambda inside), or None."""
        scopes = self.summary(module).scopes
        current = scope
        while 0 <= current < len(scopes) and scopes[current].kind == "lambda":
            current = scopes[current].parent
        if 0 <= current < len(scopes) and scopes[current].klass >= 0:
            return current
        return None

    def _stored(self, owner: str, name: str) -> Value:
        """Every value stored as ``g.<name>`` / ``<app>.state.<name>`` anywhere in the project."""
        if self._stores is None:
            self._stores = defaultdict(list)
            for number, module in enumerate(self.project.modules):
                if not module.record.has_stores:
                    continue  # its summary need not be unpickled
                for store in module.summary.attr_stores:
                    if isinstance(store.base, Attr) and store.base.name == "state":
                        self._stores[("state", store.name)].append((number, store.value))
                    elif isinstance(store.base, Name) and FLASK_G in self.evaluate(number, store.base).qualnames:
                        self._stores[(FLASK_G, store.name)].append((number, store.value))
        result = NOTHING
        for module, value in self._stores.get((owner, name), ()):
            result = result | self.evaluate(module, value)
        return result

    def _call(self, module: int, expr: Call) -> Value:
        callee = self.evaluate(module, expr.func)
        sets: set[str] = set()
        for qualname in callee.qualnames:
            sets |= self.types.by_call.get(qualname, set())
            if qualname in DEPENDENCY_MARKERS and expr.args:
                sets |= self.provided(module, expr.args[0]).sets
        for owner in callee.sets:
            sets |= self.types.call_of.get(owner, set())
        if isinstance(expr.func, Attr):
            receiver = self.evaluate(module, expr.func.base)
            for owner in receiver.sets:
                sets |= self.types.method_of.get((owner, expr.func.name), set())
        result = NOTHING
        for function in callee.functions:
            result = result | self.returned(function)
        for klass in callee.classes:
            result = result | Value(instances=frozenset({klass}))
            for qualname in self._base_qualnames(klass):
                sets |= self.types.by_call.get(qualname, set())
        if sets and self.other_databases and self._to_other_database(module, expr):
            return result  # a connection (or engine) to another database: unrelated to the session
        if sets:
            self._note_shared_bind(module, expr, sets)
        return result | Value(sets=frozenset(sets))

    def _to_other_database(self, module: int, call: Call) -> bool:
        arguments = [*call.args, *(value for _, value in call.kwargs)]
        return any(self.evaluate(module, argument).qualnames & self.other_databases for argument in arguments)

    def _base_qualnames(self, klass: ClassRef) -> set[str]:
        module, index = klass
        names: set[str] = set()
        for base in self.summary(module).classes[index].bases:
            names |= self.evaluate(module, base).qualnames
        return names

    def provided(self, module: int, provider: Expr) -> Value:
        """What ``Depends(provider)`` hands the parameter: the result of calling ``provider``."""
        value = self.evaluate(module, provider)
        sets: set[str] = set()
        for qualname in value.qualnames:
            sets |= self.types.by_call.get(qualname, set())
        for owner in value.sets:
            sets |= self.types.call_of.get(owner, set())
        result = Value(sets=frozenset(sets))
        for function in value.functions:
            result = result | self.returned(function)
        for klass in value.classes:
            result = result | Value(instances=frozenset({klass}))
        return result

    def returned(self, function: FuncRef) -> Value:
        known = self._returns.get(function)
        if known is not None:
            return known
        key = ("r", function)
        if key in self._busy or len(self._busy) > MAX_DEPTH:
            return NOTHING
        self._busy.add(key)
        try:
            module, scope = function
            result = NOTHING
            for returned in self.summary(module).scopes[scope].returns:
                result = result | self.evaluate(module, returned)
        finally:
            self._busy.discard(key)
        self._returns[function] = result
        return result

    # ---- annotations --------------------------------------------------------------------------
    def annotation(self, module: int, expr: Expr, parameter: bool = False) -> Value:
        sets: set[str] = set()
        instances: set[ClassRef] = set()
        for qualname in self.annotation_names(module, expr, set()):
            sets |= self.types.by_annotation.get(qualname, set())
            if not parameter:
                sets |= self.types.by_attribute_annotation.get(qualname, set())
            for klass in self.qualname(qualname).classes:
                instances.add(klass)
        return Value(sets=frozenset(sets), instances=frozenset(instances))

    def annotation_names(self, module: int, expr: Expr, seen: set[int]) -> set[str]:
        if id(expr) in seen or len(seen) > 32:
            return set()
        seen.add(id(expr))
        if isinstance(expr, Name):
            value = self.evaluate(module, expr)
            names = set(value.qualnames) | {self._class_qualname(k) for k in value.classes}
            for alias_module, alias in self.alias_targets(module, expr):
                names |= self.annotation_names(alias_module, alias, seen)
            return names
        if isinstance(expr, Attr):
            value = self.evaluate(module, expr)
            return set(value.qualnames) | {self._class_qualname(k) for k in value.classes}
        if isinstance(expr, StringAnnotation):
            dotted = expr.text.split("[")[0].split("|")[0].strip()
            parts = dotted.split(".")
            if not parts[0].isidentifier():
                return set()
            head = self.lookup(module, parts[0], expr.scope)
            names = {".".join([q, *parts[1:]]) for q in head.qualnames}
            if len(parts) == 1:
                names |= {self._class_qualname(k) for k in head.classes}
            return names
        if isinstance(expr, Either):
            return set().union(*(self.annotation_names(module, o, seen) for o in expr.options))
        if isinstance(expr, Subscript):
            head = self.annotation_names(module, expr.base, seen)
            base_text = expr.base.id if isinstance(expr.base, Name) else (expr.base.name if isinstance(expr.base, Attr) else "")
            if head & TYPE_WRAPPERS or base_text in WRAPPER_NAMES:
                items = expr.items[:1] if "Annotated" in base_text or any(h.endswith("Annotated") for h in head) else expr.items
                return set().union(*(self.annotation_names(module, i, seen) for i in items)) if items else set()
            return head
        return set()

    def _class_qualname(self, klass: ClassRef) -> str:
        module, index = klass
        summary = self.summary(module)
        return f"{summary.module}.{summary.classes[index].qualname}" if summary.module else summary.classes[index].qualname

    def alias_targets(self, module: int, name: Name) -> list[tuple[int, Expr]]:
        """``SessionDep = Annotated[...]`` here or in the module it is imported from."""
        found = self.bindings_of(module, name.id, name.scope)
        targets: list[tuple[int, Expr]] = []
        if found is not None:
            for binding in found[1]:
                if binding.how == "value" and isinstance(binding.expr, (Subscript, Either)):
                    targets.append((module, binding.expr))
            return targets
        qualname = self.summary(module).imports.get(name.id)
        for _ in range(8):
            if qualname is None:
                break
            split = self.project.split(qualname)
            if split is None or len(split[1]) != 1:
                break
            other, rest = split
            scope0 = self.summary(other).scopes[0]
            bindings = scope0.bindings.get(rest[0])
            if bindings:
                return [(other, b.expr) for b in bindings if b.how == "value" and isinstance(b.expr, (Subscript, Either))]
            qualname = self.summary(other).imports.get(rest[0])
        return targets

    def dependencies(self, module: int, annotation: Expr | None, default: Expr | None) -> list[tuple[int, Expr]]:
        """The providers of ``Depends(...)`` in a parameter's default or ``Annotated`` annotation."""
        found: list[tuple[int, Expr]] = []
        stack: list[tuple[int, Expr]] = [(module, e) for e in (default, annotation) if e is not None]
        seen: set[int] = set()
        while stack and len(seen) < 64:
            where, expr = stack.pop()
            if id(expr) in seen:
                continue
            seen.add(id(expr))
            if isinstance(expr, Call):
                if self.evaluate(where, expr.func).qualnames & DEPENDENCY_MARKERS and expr.args:
                    found.append((where, expr.args[0]))
            elif isinstance(expr, Subscript):
                stack.extend((where, item) for item in expr.items)
                stack.append((where, expr.base))
            elif isinstance(expr, Name):
                stack.extend(self.alias_targets(where, expr))
        return found

    # ---- Session(bind=conn) ---------------------------------------------------------------------
    def _note_shared_bind(self, module: int, call: Call, sets: set[str]) -> None:
        """``Session(bind=conn)``: the session runs on ``conn``, so raw work on ``conn`` is shared."""
        for set_id in sets:
            bind = self.types.bind_arguments.get(set_id)
            if bind is None:
                continue
            chosen = call.argument(bind.position, bind.keyword)
            if isinstance(chosen, Name):
                self.shared_names[(module, chosen.scope)].add(chosen.id)
