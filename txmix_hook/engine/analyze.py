"""One file in, findings out: the whole chain from bytes to ``Finding`` objects."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from tree_sitter import Node

from txmix_hook.engine.comments import Comment, comment_nodes, first_code_row, to_comments
from txmix_hook.engine.facts import FileFacts
from txmix_hook.engine.matcher import QueryPlan, SideMatch, collect, confirm, plan_for
from txmix_hook.engine.parse import first_error, parse
from txmix_hook.engine.scopes import describe_scope, scope_chain
from txmix_hook.engine.typeindex import TypeIndex
from txmix_hook.engine.values import Evaluator
from txmix_hook.finding import Finding, Location, Related
from txmix_hook.fixes.builder import build_fix
from txmix_hook.fixes.context import FixContext, is_async_scope
from txmix_hook.rules.model import Rule
from txmix_hook.rules.rulebook import RuleBook
from txmix_hook.source import SourceFile


# Files that can hold a suppression comment are parsed for their comments even when no rule
# can match there, so a stale ``# txmix: ignore`` is still reported.
SUPPRESSION_MARKERS = (b"txmix", b"TXM")


@dataclass
class FileResult:
    findings: list[Finding] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    first_code_row: int = 10**9
    parsed: bool = False


@dataclass
class Analyzer:
    """Holds what is built once per run (rule book, type index) and analyses files with it."""

    book: RuleBook
    rules: Sequence[Rule]
    index: TypeIndex = field(init=False)

    def __post_init__(self) -> None:
        self.index = TypeIndex.build(self.book.sets.values())

    @cached_property
    def plan(self) -> QueryPlan:
        """One query for every enabled rule's sides: compiled once, run once per parsed file."""
        set_ids = sorted({side.set_id for rule in self.rules for side in rule.sides})
        return plan_for(tuple(self.book.sets[s] for s in set_ids))

    def analyze(self, source: SourceFile, package: str | None = None) -> FileResult:
        result = FileResult()
        memo: dict[str, bool] = {}
        rules = [r for r in self.rules if self.book.rule_may_match(r, source.data, memo)]
        if not rules:
            if any(marker in source.data for marker in SUPPRESSION_MARKERS):
                tree = parse(source.data)
                result.parsed = True
                result.comments = to_comments(comment_nodes(tree.root_node), source)
                result.first_code_row = first_code_row(tree.root_node)
            return result
        tree = parse(source.data)
        result.parsed = True
        error = first_error(tree.root_node)
        if error is not None:
            row, col = error.start_point
            result.warnings.append(
                f"{source.display}:{row + 1}:{source.column(row, col)}: warning: syntax error;"
                " analysed what the parser could recover"
            )
        plan = self.plan
        facts = FileFacts(package=package)
        candidates = collect(tree.root_node, plan, facts)
        result.comments = to_comments(facts.comments, source)
        result.first_code_row = first_code_row(tree.root_node)
        evaluator = Evaluator(facts, self.index)
        matches = confirm(candidates, evaluator)
        by_scope: dict[int, dict[str, list[SideMatch]]] = defaultdict(lambda: defaultdict(list))
        scope_nodes: dict[int, Node] = {}
        for match in matches:
            if _is_shared(match, evaluator):
                continue
            by_scope[match.scope.id][match.set_id].append(match)
            scope_nodes[match.scope.id] = match.scope
        for scope_id, per_set in by_scope.items():
            for rule in rules:
                if all(per_set.get(side.set_id) for side in rule.sides):
                    result.findings.append(self._finding(rule, per_set, scope_nodes[scope_id], source, facts.imports))
        result.findings.sort(key=lambda f: f.sort_key)
        return result

    def _finding(self, rule: Rule, per_set: dict[str, list[SideMatch]], scope_node: Node, source: SourceFile, imports: dict[str, str]) -> Finding:
        scope = describe_scope(scope_node)
        first = {side.name: per_set[side.set_id][0] for side in rule.sides}
        values: dict[str, object] = {"scope_name": scope.name, "rule_id": rule.id}
        for side in rule.sides:
            match = first[side.name]
            values[side.name] = match.name
            values[f"{side.name}_line"] = match.node.start_point[0] + 1
            values[f"{side.name}_label"] = self.book.sets[side.set_id].label
        primary = first[rule.report_at]
        fix = None
        if rule.fix is not None:
            orm_side = rule.other_sides[0].name
            fix = build_fix(
                rule.fix,
                FixContext(
                    source=source,
                    scope=scope_node,
                    is_async=is_async_scope(scope_node),
                    values=values,
                    orm_name=first[orm_side].name,
                    raw_name=primary.name,
                    raw_node=primary.node,
                    imports=imports,
                ),
            )
        related = tuple(
            Related(
                source.display,
                _start(first[s.name].node, source),
                _end(first[s.name].node, source),
                f"{self.book.sets[s.set_id].label} `{first[s.name].name}` used here",
            )
            for s in rule.other_sides
        )
        return Finding(
            code=rule.id,
            message=rule.message.format(**values),
            severity=rule.severity,
            filename=source.display,
            location=_start(primary.node, source),
            end_location=_end(primary.node, source),
            scope_name=scope.name,
            scope_kind=scope.kind,
            related=related,
            scope_row=scope_node.start_point[0] + 1,
            fix=fix,
        )


def _is_shared(match: SideMatch, evaluator: Evaluator) -> bool:
    return any(match.name in evaluator.shared_names.get(scope.id, ()) for scope in scope_chain(match.scope))


def _start(node: Node, source: SourceFile) -> Location:
    row, col = node.start_point
    return Location(row + 1, source.column(row, col))


def _end(node: Node, source: SourceFile) -> Location:
    row, col = node.end_point
    return Location(row + 1, source.column(row, col))
