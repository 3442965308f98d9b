"""Binding facts of one file: what each name in each scope was assigned, annotated or entered as.

Collected from the same single query pass that finds the rule sides; evaluated lazily by
``values.py`` only for the names a side match actually asks about.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from tree_sitter import Node

from txmix_hook.engine.imports import record_import
from txmix_hook.engine.parse import text
from txmix_hook.engine.scopes import enclosing_class, enclosing_scope_node

# One pattern per fact; their order is the dispatch table in ``FileFacts.add``.
FACT_PATTERNS: tuple[tuple[str, str], ...] = (
    ("import", "(import_statement) @node"),
    ("import", "(import_from_statement) @node"),
    ("function", "(function_definition name: (identifier) @target) @node"),
    ("assign", "(assignment left: (_) @target right: (_) @value) @node"),
    ("annotate", "(assignment left: (_) @target type: (_) @type) @node"),
    ("assign", "(with_item value: (as_pattern . (_) @value alias: (as_pattern_target . (identifier) @target .)) @node)"),
    ("assign", "(named_expression name: (identifier) @target value: (_) @value) @node"),
    ("annotate", "(typed_parameter . (identifier) @target type: (_) @type) @node"),
    ("annotate", "(typed_default_parameter name: (identifier) @target type: (_) @type) @node"),
    ("assign", "(typed_default_parameter name: (identifier) @target value: (_) @value) @node"),
    ("assign", "(default_parameter name: (identifier) @target value: (_) @value) @node"),
    ("parameter", "(parameters . (identifier) @target) @node"),
    ("global", "(global_statement (identifier) @target) @node"),
    ("comment", "(comment) @node"),
    ("return", "(return_statement (_) @value) @node"),
    ("return", "(yield (_) @value) @node"),
)
FACTS_QUERY = "\n".join(pattern for _, pattern in FACT_PATTERNS)


@dataclass(frozen=True)
class Binding:
    how: str  # "value" (an expression assigned) | "annotation" (a type)
    node: Node
    scope: Node  # where the expression is evaluated


@dataclass
class FileFacts:
    package: str | None
    imports: dict[str, str] = field(default_factory=dict)
    names: dict[int, dict[str, list[Binding]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(list)))
    functions: dict[int, dict[str, Node]] = field(default_factory=lambda: defaultdict(dict))
    class_attributes: dict[int, dict[str, list[Binding]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(list)))
    returns: dict[int, list[Node]] = field(default_factory=lambda: defaultdict(list))
    first_parameter: dict[int, str] = field(default_factory=dict)
    globals: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))
    comments: list[Node] = field(default_factory=list)

    def add(self, kind: str, captures: dict[str, list[Node]]) -> None:
        node = captures["node"][0]
        if kind == "import":
            record_import(node, self.imports, self.package)
            return
        if kind == "comment":
            self.comments.append(node)
            return
        if kind == "return":
            self.returns[enclosing_scope_node(node).id].append(captures["value"][0])
            return
        target = captures["target"][0]
        if kind == "function":
            owner = node.parent
            if enclosing_class(node) is None and owner is not None:
                self.functions[enclosing_scope_node(owner).id][text(target)] = node
            return
        if kind == "global":
            self.globals[enclosing_scope_node(node).id].add(text(target))
            return
        if kind == "parameter":
            function = node.parent
            if function is not None and function.type == "function_definition":
                self.first_parameter[function.id] = text(target)
            return
        binding = (
            Binding("value", captures["value"][0], enclosing_scope_node(node))
            if kind == "assign"
            else Binding("annotation", captures["type"][0], enclosing_scope_node(node))
        )
        self._bind(target, binding)

    def _bind(self, target: Node, binding: Binding) -> None:
        scope = binding.scope
        if target.type == "identifier":
            klass = _class_body_owner(target)
            if klass is not None:
                self.class_attributes[klass.id][text(target)].append(binding)
            else:
                owner = _module_of(scope) if text(target) in self.globals.get(scope.id, ()) else scope
                self.names[owner.id][text(target)].append(binding)
        elif target.type == "attribute":
            obj = target.child_by_field_name("object")
            if obj is not None and obj.type == "identifier" and scope.type == "function_definition":
                klass = enclosing_class(scope)
                if klass is not None and self.first_parameter.get(scope.id) == text(obj):
                    self.class_attributes[klass.id][text(target.child_by_field_name("attribute"))].append(binding)


def _module_of(node: Node) -> Node:
    while node.parent is not None:
        node = node.parent
    return node


def _class_body_owner(node: Node) -> Node | None:
    """The class whose body directly binds ``node`` (``session: Session`` at class level)."""
    current = node.parent
    while current is not None and current.type not in ("function_definition", "lambda", "module", "class_definition"):
        current = current.parent
    return current if current is not None and current.type == "class_definition" else None
