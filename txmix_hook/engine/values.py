"""What an expression evaluates to, as far as txmix needs to know: which pattern sets.

This is the "bindings, not name guessing" part. A name is an ORM session only because an
import, an annotation, a constructor call, a ``with ... as`` or a FastAPI ``Depends`` made
it one; ``session = requests.Session()`` evaluates to nothing at all.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from tree_sitter import Node

from txmix_hook.engine.facts import Binding, FileFacts
from txmix_hook.engine.parse import text
from txmix_hook.engine.scopes import enclosing_class, enclosing_scope_node, parent_scope_node, scope_chain
from txmix_hook.engine.typeindex import TypeIndex

# Calls that mean "the result of calling my first argument" (dependency injection).
DEPENDENCY_MARKERS = frozenset({"fastapi.Depends", "fastapi.params.Depends", "fastapi.Security"})
# How many bindings deep a value is followed (`c2 = c1`, `c1 = c0`, ...). Real code needs a
# handful; past this the value is unknown, which keeps a pathological file silent, not fatal.
MAX_DEPTH = 100
TYPE_WRAPPERS = frozenset({"Optional", "Annotated", "Union", "typing.Optional", "typing.Annotated", "typing.Union"})


@dataclass(frozen=True)
class Value:
    sets: frozenset[str] = frozenset()
    qualnames: frozenset[str] = frozenset()  # what an imported name refers to: "psycopg2.connect"
    functions: tuple[Node, ...] = ()  # local defs a name refers to

    def __or__(self, other: Value) -> Value:
        return Value(self.sets | other.sets, self.qualnames | other.qualnames, self.functions + other.functions)


NOTHING = Value()


@dataclass
class Evaluator:
    facts: FileFacts
    index: TypeIndex
    shared_names: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))
    _memo: dict[int, Value] = field(default_factory=dict)
    _busy: set[int] = field(default_factory=set)

    def evaluate(self, node: Node) -> Value:
        key = node.id
        if key in self._memo:
            return self._memo[key]
        if key in self._busy or len(self._busy) > MAX_DEPTH:
            return NOTHING
        self._busy.add(key)
        try:
            value = self._evaluate(node)
        finally:
            self._busy.discard(key)
        self._memo[key] = value
        return value

    def _evaluate(self, node: Node) -> Value:
        kind = node.type
        if kind in ("identifier", "attribute"):
            value = self.lookup(text(node), enclosing_scope_node(node)) if kind == "identifier" else self._attribute(node)
            named = frozenset(s for q in value.qualnames for s in self.index.by_name.get(q, ()))  # `name:` values
            return value | Value(sets=named) if named else value
        if kind == "call":
            return self._call(node)
        if kind in ("await", "parenthesized_expression"):
            inner = node.named_children
            return self.evaluate(inner[0]) if inner else NOTHING
        if kind in ("conditional_expression", "boolean_operator"):
            result = NOTHING
            for child in node.named_children:
                result = result | self.evaluate(child)
            return result
        return NOTHING

    def bindings_of(self, name: str, scope: Node | None) -> list[Binding]:
        for current in scope_chain(scope):
            bindings = self.facts.names.get(current.id, {}).get(name)
            if bindings:
                return bindings
        return []

    def lookup(self, name: str, scope: Node | None) -> Value:
        for current in scope_chain(scope):
            bindings = self.facts.names.get(current.id, {}).get(name)
            if bindings:
                return self._bindings(bindings)
            function = self.facts.functions.get(current.id, {}).get(name)
            if function is not None:
                return Value(functions=(function,))
        qualname = self.facts.imports.get(name)
        return Value(qualnames=frozenset({qualname})) if qualname else NOTHING

    def _bindings(self, bindings: list[Binding]) -> Value:
        result = NOTHING
        for binding in bindings:
            result = result | (self.evaluate(binding.node) if binding.how == "value" else self.annotation(binding.node))
        return result

    def _attribute(self, node: Node) -> Value:
        obj, attr_node = node.child_by_field_name("object"), node.child_by_field_name("attribute")
        if obj is None or attr_node is None:
            return NOTHING
        attr = text(attr_node)
        result = self._self_attribute(obj, attr)
        base = self.evaluate(obj)
        sets = frozenset(s for owner in base.sets for s in self.index.attribute_of.get((owner, attr), ()))
        return result | Value(sets=sets, qualnames=frozenset(f"{q}.{attr}" for q in base.qualnames))

    def _self_attribute(self, obj: Node, attr: str) -> Value:
        """``self.session`` inside a method: whatever the class assigned or annotated it as."""
        if obj.type != "identifier":
            return NOTHING
        scope: Node | None = enclosing_scope_node(obj)
        while scope is not None and scope.type == "lambda":
            scope = parent_scope_node(scope)
        if scope is None or scope.type != "function_definition" or self.facts.first_parameter.get(scope.id) != text(obj):
            return NOTHING
        klass = enclosing_class(scope)
        if klass is None:
            return NOTHING
        bindings = self.facts.class_attributes.get(klass.id, {}).get(attr)
        return self._bindings(bindings) if bindings else NOTHING

    def _call(self, node: Node) -> Value:
        function = node.child_by_field_name("function")
        if function is None:
            return NOTHING
        callee = self.evaluate(function)
        sets: set[str] = set()
        for qualname in callee.qualnames:
            sets |= self.index.by_call.get(qualname, set())
            if qualname in DEPENDENCY_MARKERS:
                sets |= self._dependency(node)
        for owner in callee.sets:
            sets |= self.index.call_of.get(owner, set())
        receiver_node = function.child_by_field_name("object") if function.type == "attribute" else None
        if receiver_node is not None:
            receiver = self.evaluate(receiver_node)
            method = text(function.child_by_field_name("attribute"))
            for owner in receiver.sets:
                sets |= self.index.method_of.get((owner, method), set())
        for local in callee.functions:
            sets |= self.returned_sets(local)
        if sets:
            self._note_shared_bind(node, sets)
        return Value(sets=frozenset(sets))

    def _dependency(self, call: Node) -> set[str]:
        args = call.child_by_field_name("arguments")
        first = next((a for a in args.named_children if a.type != "keyword_argument"), None) if args else None
        if first is None:
            return set()
        provider = self.evaluate(first)
        sets: set[str] = set()
        for qualname in provider.qualnames:
            sets |= self.index.by_call.get(qualname, set())
        for owner in provider.sets:
            sets |= self.index.call_of.get(owner, set())
        for local in provider.functions:
            sets |= self.returned_sets(local)
        return sets

    def returned_sets(self, function: Node) -> set[str]:
        key = -function.id  # memo slot distinct from the def node's own value
        if key in self._memo:
            return set(self._memo[key].sets)
        if key in self._busy:
            return set()
        self._busy.add(key)
        try:
            result = NOTHING
            for returned in self.facts.returns.get(function.id, []):
                result = result | self.evaluate(returned)
        finally:
            self._busy.discard(key)
        self._memo[key] = result
        return set(result.sets)

    def annotation(self, node: Node) -> Value:
        sets: set[str] = set()
        for qualname in self._annotation_names(node):
            sets |= self.index.by_annotation.get(qualname, set())
        return Value(sets=frozenset(sets))

    def _annotation_names(self, node: Node) -> set[str]:
        kind = node.type
        if kind == "type":
            return set().union(*(self._annotation_names(c) for c in node.named_children)) if node.named_children else set()
        if kind == "identifier":
            return set(self.evaluate(node).qualnames) | self._type_alias_names(node)
        if kind == "attribute":
            return set(self.evaluate(node).qualnames)
        if kind == "string":
            content = "".join(text(c) for c in node.named_children if c.type == "string_content").strip()
            dotted = content.split("[")[0].split("|")[0].strip()
            parts = dotted.split(".")
            base = self.lookup(parts[0], enclosing_scope_node(node)).qualnames if parts[0] else frozenset()
            return {".".join([q, *parts[1:]]) for q in base}
        if kind == "binary_operator":
            return set().union(*(self._annotation_names(side) for side in (node.child_by_field_name("left"), node.child_by_field_name("right")) if side is not None))
        if kind in ("generic_type", "subscript"):
            children = node.named_children
            head = children[0] if children else None
            wrapper = head is not None and (text(head) in TYPE_WRAPPERS or self.evaluate(head).qualnames & {"typing.Optional", "typing.Annotated", "typing.Union"})
            if not wrapper:
                return set()
            args = children[1:]
            if len(args) == 1 and args[0].type == "type_parameter":
                args = args[0].named_children
            if head is not None and text(head).endswith("Annotated"):
                args = args[:1]
            return set().union(*(self._annotation_names(a) for a in args)) if args else set()
        return set()

    def _type_alias_names(self, node: Node) -> set[str]:
        """``SessionDep = Annotated[Session, Depends(get_session)]`` then ``db: SessionDep``."""
        names: set[str] = set()
        for binding in self.bindings_of(text(node), enclosing_scope_node(node)):
            alias = binding.node
            if binding.how != "value" or alias.type not in ("subscript", "generic_type", "binary_operator") or alias.id in self._busy:
                continue
            self._busy.add(alias.id)
            try:
                names |= self._annotation_names(alias)
            finally:
                self._busy.discard(alias.id)
        return names

    def _note_shared_bind(self, call: Node, sets: set[str]) -> None:
        """``Session(bind=conn)``: the session runs on ``conn``, so raw work on ``conn`` is shared."""
        args = call.child_by_field_name("arguments")
        if args is None:
            return
        for set_id in sets:
            bind = self.index.bind_arguments.get(set_id)
            if bind is None:
                continue
            positional = [a for a in args.named_children if a.type not in ("keyword_argument", "comment")]
            chosen: Node | None = None
            if bind.position is not None and len(positional) > bind.position:
                chosen = positional[bind.position]
            for arg in args.named_children:
                if arg.type == "keyword_argument" and bind.keyword and text(arg.child_by_field_name("name")) == bind.keyword:
                    chosen = arg.child_by_field_name("value")
            if chosen is not None and chosen.type == "identifier":
                self.shared_names[enclosing_scope_node(call).id].add(text(chosen))
