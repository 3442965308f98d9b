"""The binder: one file's bytes -> ``ModuleSummary``, with one parse and one query pass.

``summarise`` is a pure function of (bytes, module name, the pattern sets' queries), so a
content-hash cache can wrap it. No tree-sitter object survives it: expressions become the IR
of ``ir.py``, positions become ``Pos``.

Which scope a node belongs to is found by one sweep over byte offsets with a stack of open
definitions (defs, lambdas, classes, the ``__main__`` block), never by walking ``.parent``
chains, so deeply nested input costs no more than flat input.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from sys import intern  # names repeat: one string each, pickled once and read back once

from tree_sitter import Node, Query, QueryCursor

from txmix_hook.engine.comments import Comment
from txmix_hook.engine.imports import record_import
from txmix_hook.engine.parse import PYTHON, first_error, parse, text
from txmix_hook.rules.model import PatternSet
from txmix_hook.summary.ir import UNKNOWN, Attr, Call, Either, Expr, Lambda, Name, StringAnnotation, Subscript
from txmix_hook.summary.model import (
    AttrStore,
    Binding,
    CallSite,
    ClassSummary,
    ModuleSummary,
    Param,
    ScopeSummary,
    SideCandidate,
    WithBlock,
)
from txmix_hook.summary.positions import Positions

CONTAINER_PATTERNS: tuple[tuple[str, str], ...] = (
    ("function", "(function_definition name: (identifier) @target) @node"),
    ("class", "(class_definition name: (identifier) @target) @node"),
    ("lambda", "(lambda) @node"),
    ("main", "(module (if_statement condition: (comparison_operator (identifier) @target (string) @value)) @node)"),
)
ITEM_PATTERNS: tuple[tuple[str, str], ...] = (
    ("import", "(import_statement) @node"),
    ("import", "(import_from_statement) @node"),
    ("assign", "(assignment left: (_) @target right: (_) @value) @node"),
    ("annotate", "(assignment left: (_) @target type: (_) @type) @node"),
    ("with", "(with_item value: (_) @value) @node"),
    ("assign", "(named_expression name: (identifier) @target value: (_) @value) @node"),
    ("global", "(global_statement (identifier) @target) @node"),
    ("comment", "(comment) @node"),
    ("return", "(return_statement (_) @value) @node"),
    ("return", "(yield (_) @value) @node"),
    ("call", "(call) @node"),
)
FACT_PATTERNS = CONTAINER_PATTERNS + ITEM_PATTERNS
FACTS_QUERY = "\n".join(pattern for _, pattern in FACT_PATTERNS)
MAX_IR_DEPTH = 48  # deeper expressions become Unknown: input-controlled depth never recurses far


@dataclass(frozen=True)
class QueryPlan:
    query: Query
    owners: tuple[tuple[str, ...], ...]  # side pattern index (after the fact patterns) -> pattern set ids


@lru_cache(maxsize=64)
def plan_for(sets: tuple[PatternSet, ...]) -> QueryPlan:
    """One query for the facts and every set's patterns; a pattern text several sets share
    (``(call) @value``) is compiled and matched once, on behalf of all of them."""
    by_text: dict[str, list[str]] = {}
    for pset in sets:
        for query in pset.queries:
            by_text.setdefault(query.text.strip(), []).append(pset.id)
    owners: list[tuple[str, ...]] = []
    sources = [FACTS_QUERY]
    for text_, ids in by_text.items():
        owners.extend([tuple(ids)] * _pattern_count(text_))
        sources.append(text_)
    return QueryPlan(Query(PYTHON, "\n".join(sources)), tuple(owners))


@lru_cache(maxsize=256)
def _pattern_count(source: str) -> int:
    return Query(PYTHON, source).pattern_count


def summarise(data: bytes, module: str, is_package: bool, sets: Sequence[PatternSet]) -> ModuleSummary:
    """Parse ``data`` once and bind it; ``sets`` are the pattern sets whose queries may match."""
    tree = parse(data)
    return Binder(data, module, is_package, plan_for(tuple(sets))).bind(tree.root_node)


_SCOPE_KINDS = frozenset({"function", "lambda", "main"})


@dataclass
class _Open:
    end: int
    kind: str  # "module" | "function" | "lambda" | "class" | "main"
    index: int  # scope index, or class index for "class"
    scope: int  # the scope names are looked up in (a class body: its enclosing scope)


def _where(top: _Open) -> tuple[int, int]:
    """(the scope sides and calls belong to, the scope names are looked up from)."""
    owner = top.index if top.kind in _SCOPE_KINDS else top.scope
    lookup = top.index if top.kind in ("function", "lambda") else (0 if top.kind == "main" else top.scope)
    return owner, lookup


class Binder:
    def __init__(self, data: bytes, module: str, is_package: bool, plan: QueryPlan) -> None:
        self.positions = Positions(data)
        self.plan = plan
        self.summary = ModuleSummary(module=module, is_package=is_package)
        self.package = module if is_package else module.rpartition(".")[0]
        self._ir: dict[int, Expr] = {}
        self._sides: dict[tuple[int, int, int], tuple[list[str], SideCandidate]] = {}
        self._pending: list[tuple[int, Node]] = []  # (scope index, def/lambda node): params and decorators

    # ---- the sweep ------------------------------------------------------------------------------
    def bind(self, root: Node) -> ModuleSummary:
        summary = self.summary
        summary.parsed = True
        module_pos = self.positions.of(root)
        summary.scopes.append(ScopeSummary(0, "module", "<module>", "<module>", -1, module_pos))
        error = first_error(root)
        if error is not None:
            row, col = error.start_point
            summary.syntax_error = (row + 1, self.positions.column(row, col))
        summary.first_code_row = next((c.start_point[0] + 1 for c in root.named_children if c.type != "comment"), 10**9)
        fact_count = len(FACT_PATTERNS)
        container_count = len(CONTAINER_PATTERNS)
        events: list[tuple[int, int, int, str, dict[str, list[Node]]]] = []  # (start, order, extra, kind, captures)
        for index, captures in QueryCursor(self.plan.query).matches(root):
            node = (captures.get("node") or captures.get("match") or captures.get("value") or next(iter(captures.values())))[0]
            if index < container_count:
                kind = FACT_PATTERNS[index][0]
                events.append((node.start_byte, 1, -node.end_byte, kind, captures))
            elif index < fact_count:
                events.append((node.start_byte, 0, 0, FACT_PATTERNS[index][0], captures))
            else:
                events.append((node.start_byte, 0, index - fact_count, "side", captures))
        events.sort(key=lambda e: (e[0], e[1], e[2]))
        stack = [_Open(1 << 62, "module", 0, 0)]
        for start, _, extra, kind, captures in events:
            while stack[-1].end <= start:
                stack.pop()
            top = stack[-1]
            if kind in ("function", "lambda", "class", "main"):
                opened = self._open(kind, captures, top)
                if opened is not None:
                    stack.append(opened)
            elif kind == "side":
                self._side(self.plan.owners[extra], captures, *_where(top))
            else:
                self._item(kind, captures, top)
        for scope_index, node in self._pending:
            self._signature(scope_index, node)
        for scope in summary.scopes:
            scope.calls.sort(key=lambda c: c.pos.start_byte)
        summary.sides = sorted(
            (first._replace(set_ids=tuple(ids)) for ids, first in self._sides.values()), key=lambda s: (s.pos.start_byte, s.pos.end_byte)
        )
        return summary

    def _open(self, kind: str, captures: dict[str, list[Node]], top: _Open) -> _Open | None:
        summary = self.summary
        node = captures["node"][0]
        if kind == "main":
            if top.kind != "module" or text(captures["target"][0]) != "__name__" or "__main__" not in text(captures["value"][0]):
                return None
            index = len(summary.scopes)
            summary.scopes.append(ScopeSummary(index, "main", "__main__", "__main__", 0, self.positions.of(node)))
            return _Open(node.end_byte, "main", index, 0)
        outer_scope = top.scope if top.kind in ("class", "main") else top.index
        if top.kind == "main":
            outer_scope = 0
        if kind == "class":
            name = text(captures["target"][0])
            index = len(summary.classes)
            qual = self._qual(top, name)
            klass = ClassSummary(index, name, qual, outer_scope, self.positions.of(node))
            superclasses = node.child_by_field_name("superclasses")
            if superclasses is not None:
                klass.bases = tuple(self.ir(b, outer_scope) for b in superclasses.named_children if b.type != "keyword_argument")
            klass.decorators = self._decorators(node, outer_scope)
            summary.classes.append(klass)
            if top.kind != "class":
                summary.scopes[outer_scope].classes[name] = index
            return _Open(node.end_byte, "class", index, outer_scope)
        index = len(summary.scopes)
        if kind == "lambda":
            name = "<lambda>"
            self.summary.lambdas[node.start_byte] = index
        else:
            name = text(captures["target"][0])
        scope = ScopeSummary(index, kind, name, self._qual(top, name), outer_scope, self.positions.of(node))
        scope.is_async = kind == "function" and any(c.type == "async" for c in node.children)
        if top.kind == "class":
            scope.klass = top.index
            scope.self_name = _first_parameter(node)
            summary.classes[top.index].methods.setdefault(name, index)
        elif kind == "function":
            summary.scopes[outer_scope].functions[name] = index
        summary.scopes.append(scope)
        self._pending.append((index, node))
        return _Open(node.end_byte, kind, index, index)

    def _qual(self, top: _Open, name: str) -> str:
        if top.kind == "module" or top.kind == "main":
            return name
        if top.kind == "class":
            return f"{self.summary.classes[top.index].qualname}.{name}"
        return f"{self.summary.scopes[top.index].qualname}.{name}"

    def _decorators(self, node: Node, scope: int) -> tuple[Expr, ...]:
        parent = node.parent
        if parent is None or parent.type != "decorated_definition":
            return ()
        return tuple(self.ir(d.named_children[0], scope) for d in parent.named_children if d.type == "decorator" and d.named_children)

    def _signature(self, index: int, node: Node) -> None:
        scope = self.summary.scopes[index]
        if scope.kind == "function":
            scope.decorators = self._decorators(node, scope.parent)
        if scope.kind == "lambda":
            body = node.child_by_field_name("body")
            if body is not None:
                scope.returns.append(self.ir(body, index))
        parameters = node.child_by_field_name("parameters")
        if parameters is None:
            return
        params: list[Param] = []
        for child in parameters.named_children:
            name_node, annotation, default = child, None, None
            if child.type in ("typed_parameter", "typed_default_parameter", "default_parameter"):
                name_node = child.child_by_field_name("name") or (child.named_children[0] if child.named_children else child)
                type_node, value_node = child.child_by_field_name("type"), child.child_by_field_name("value")
                annotation = self.ir(type_node, scope.parent) if type_node is not None else None
                default = self.ir(value_node, scope.parent) if value_node is not None else None
            if name_node.type in ("list_splat_pattern", "dictionary_splat_pattern"):
                name_node = name_node.named_children[0] if name_node.named_children else name_node
            if name_node.type != "identifier":
                continue
            name = text(name_node)
            params.append(Param(name, annotation, default, self.positions.of(child)))
            bindings = scope.bindings.setdefault(name, [])
            if annotation is not None:
                bindings.append(Binding("annotation", annotation, param=True))
            if default is not None:
                bindings.append(Binding("value", default, param=True))
            if annotation is None and default is None:
                bindings.append(Binding("param", None, param=True))
        scope.params = tuple(params)

    # ---- items ----------------------------------------------------------------------------------
    def _item(self, kind: str, captures: dict[str, list[Node]], top: _Open) -> None:
        summary = self.summary
        node = captures["node"][0] if "node" in captures else None
        owner, lookup = _where(top)
        if kind == "call" and node is not None:
            summary.scopes[owner].calls.append(CallSite(self.ir(node, lookup), self.positions.of(node), top.kind == "main"))  # type: ignore[arg-type]
        elif kind == "import" and node is not None:
            record_import(node, summary.imports, self.package)
        elif kind == "comment" and node is not None:
            self._comment(node)
        elif kind == "global":
            summary.scopes[owner].globals.add(text(captures["target"][0]))
        elif kind == "return":
            if top.kind in ("function", "lambda"):
                summary.scopes[owner].returns.append(self.ir(captures["value"][0], lookup))
        elif kind == "with" and node is not None:
            self._with(node, captures["value"][0], owner, lookup, top)
        elif kind in ("assign", "annotate"):
            target = captures["target"][0]
            binding = (
                Binding("value", self.ir(captures["value"][0], lookup))
                if kind == "assign"
                else Binding("annotation", self.ir(captures["type"][0], lookup))
            )
            self._bind(target, binding, top, lookup)

    def _side(self, set_ids: tuple[str, ...], captures: dict[str, list[Node]], owner: int, lookup: int) -> None:
        value = captures.get("value", [None])[0]
        reported = (captures.get("match") or captures.get("value") or next(iter(captures.values())))[0]
        key = (value.id if value is not None else 0, reported.start_byte, reported.end_byte)
        known = self._sides.get(key)
        if known is not None:
            known[0].extend(s for s in set_ids if s not in known[0])
            return
        candidate = SideCandidate(
            (),
            self.ir(value, lookup) if value is not None else None,
            self.positions.of(reported),
            owner,
            intern(display_name(value if value is not None else reported)),
        )
        self._sides[key] = (list(set_ids), candidate)

    def _with(self, item: Node, value: Node, owner: int, lookup: int, top: _Open) -> None:
        alias = ""
        if value.type == "as_pattern":
            inner = value.named_children[0] if value.named_children else None
            target = value.child_by_field_name("alias")
            names = [c for c in target.named_children if c.type == "identifier"] if target is not None else []
            if target is not None and len(target.named_children) == 1 and names:
                alias = text(names[0])
            if inner is None:
                return
            value = inner
        statement = item.parent.parent if item.parent is not None and item.parent.parent is not None else item
        expr = self.ir(value, lookup)
        self.summary.scopes[owner].withs.append(WithBlock(expr, alias, self.positions.of(value), statement.end_byte))
        if alias:
            self._bind_name(alias, Binding("value", expr), top)

    def _bind(self, target: Node, binding: Binding, top: _Open, lookup: int) -> None:
        if target.type == "identifier":
            self._bind_name(text(target), binding, top)
            return
        if target.type != "attribute" or binding.expr is None:
            return
        obj, attr = target.child_by_field_name("object"), target.child_by_field_name("attribute")
        if obj is None or attr is None:
            return
        scope = self.summary.scopes[lookup]
        if obj.type == "identifier" and scope.klass >= 0 and scope.self_name and text(obj) == scope.self_name:
            self.summary.classes[scope.klass].attributes.setdefault(text(attr), []).append(binding)
            return
        if binding.how == "value":
            self.summary.attr_stores.append(AttrStore(self.ir(obj, lookup), text(attr), binding.expr, lookup))

    def _bind_name(self, name: str, binding: Binding, top: _Open) -> None:
        summary = self.summary
        if top.kind == "class":
            summary.classes[top.index].attributes.setdefault(name, []).append(binding)
            return
        owner = 0 if top.kind in ("main", "module") else top.index
        if name in summary.scopes[owner].globals:
            owner = 0
        summary.scopes[owner].bindings.setdefault(name, []).append(binding)

    def _comment(self, node: Node) -> None:
        raw = node.text or b""
        lowered = raw.lower()
        if b"txmix" not in lowered and b"noqa" not in lowered:
            return
        row, col = node.start_point
        start = self.positions.column(row, col)
        body = raw.decode("utf-8", errors="replace")
        self.summary.comments.append(Comment(row + 1, start, start + len(body), body))

    # ---- expressions ----------------------------------------------------------------------------
    def ir(self, node: Node | None, scope: int, depth: int = 0) -> Expr:
        if node is None or depth > MAX_IR_DEPTH:
            return UNKNOWN
        key = node.id
        cached = self._ir.get(key)
        if cached is not None:
            return cached
        expr = self._ir_of(node, scope, depth + 1)
        self._ir[key] = expr
        return expr

    def _ir_of(self, node: Node, scope: int, depth: int) -> Expr:
        kind = node.type
        if kind == "identifier":
            return Name(intern(text(node)), scope)
        if kind == "attribute":
            return Attr(self.ir(node.child_by_field_name("object"), scope, depth), intern(text(node.child_by_field_name("attribute"))))
        if kind == "call":
            args: list[Expr] = []
            kwargs: list[tuple[str, Expr]] = []
            arguments = node.child_by_field_name("arguments")
            if arguments is not None and arguments.type == "argument_list":
                for arg in arguments.named_children:
                    if arg.type == "keyword_argument":
                        kwargs.append((text(arg.child_by_field_name("name")), self.ir(arg.child_by_field_name("value"), scope, depth)))
                    elif arg.type not in ("comment", "list_splat", "dictionary_splat"):
                        args.append(self.ir(arg, scope, depth))
            return Call(self.ir(node.child_by_field_name("function"), scope, depth), tuple(args), tuple(kwargs))
        if kind in ("await", "parenthesized_expression", "type"):
            inner = [c for c in node.named_children if c.type != "comment"]
            return self.ir(inner[0], scope, depth) if inner else UNKNOWN
        if kind == "conditional_expression":
            children = node.named_children
            return Either(tuple(self.ir(c, scope, depth) for c in (children[:1] + children[2:3])))
        if kind == "boolean_operator" or (kind == "binary_operator" and text(node.child_by_field_name("operator")) == "|"):
            return Either(tuple(self.ir(node.child_by_field_name(f), scope, depth) for f in ("left", "right")))
        if kind == "subscript":
            return Subscript(self.ir(node.child_by_field_name("value"), scope, depth), tuple(self.ir(c, scope, depth) for c in node.children_by_field_name("subscript")))
        if kind == "generic_type":
            children = node.named_children
            items: list[Node] = []
            for child in children[1:]:
                items.extend(child.named_children if child.type == "type_parameter" else [child])
            return Subscript(self.ir(children[0], scope, depth) if children else UNKNOWN, tuple(self.ir(c, scope, depth) for c in items))
        if kind == "string":
            content = "".join(text(c) for c in node.named_children if c.type == "string_content")
            return StringAnnotation(content.strip(), scope)
        if kind == "lambda":
            return Lambda(node.start_byte)
        return UNKNOWN


def _first_parameter(node: Node) -> str:
    parameters = node.child_by_field_name("parameters")
    first = parameters.named_children[0] if parameters is not None and parameters.named_children else None
    if first is not None and first.type in ("typed_parameter", "typed_default_parameter", "default_parameter"):
        first = first.child_by_field_name("name") or (first.named_children[0] if first.named_children else None)
    return text(first) if first is not None and first.type == "identifier" else ""


def display_name(node: Node) -> str:
    if node.type in ("identifier", "attribute"):
        return text(node)
    outer = node
    while outer.parent is not None and outer.parent.type in ("await", "parenthesized_expression"):
        outer = outer.parent
    parent = outer.parent
    if parent is not None:
        if parent.type == "as_pattern":
            alias = parent.child_by_field_name("alias")
            if alias is not None:
                return text(alias)
        if parent.type in ("assignment", "named_expression") and parent.child_by_field_name("right" if parent.type == "assignment" else "value") == outer:
            target = parent.child_by_field_name("left" if parent.type == "assignment" else "name")
            if target is not None:
                return text(target)
    if node.type == "call":
        function = node.child_by_field_name("function")
        return f"{text(function)}(...)" if function is not None else text(node)[:40]
    return text(node)[:40]
