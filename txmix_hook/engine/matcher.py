"""One tree-sitter query pass per file: binding facts and every rule side's patterns together.

The queries of all pattern sets a file needs are compiled into a single ``Query`` (cached per
combination), so each file is walked by tree-sitter exactly once.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from tree_sitter import Node, Query, QueryCursor

from txmix_hook.engine.facts import FACT_PATTERNS, FACTS_QUERY, FileFacts
from txmix_hook.engine.parse import PYTHON, text
from txmix_hook.engine.scopes import enclosing_scope_node
from txmix_hook.engine.values import Evaluator
from txmix_hook.rules.model import PatternSet


@dataclass(frozen=True)
class SideMatch:
    set_id: str
    node: Node  # what the finding points at
    scope: Node
    name: str  # how a message names the value: `conn`, `self.session`, `psycopg2.connect(...)`


@dataclass(frozen=True)
class QueryPlan:
    query: Query
    owners: tuple[str, ...]  # pattern index (after the fact patterns) -> pattern set id


@lru_cache(maxsize=64)
def plan_for(sets: tuple[PatternSet, ...]) -> QueryPlan:
    owners: list[str] = []
    sources = [FACTS_QUERY]
    for pset in sets:
        for query in pset.queries:
            owners.extend([pset.id] * _pattern_count(query.text))
            sources.append(query.text)
    return QueryPlan(Query(PYTHON, "\n".join(sources)), tuple(owners))


@lru_cache(maxsize=256)
def _pattern_count(source: str) -> int:
    return Query(PYTHON, source).pattern_count


_FACT_PRIORITY = {"parameter": 0, "import": 0, "global": 0}


def collect(root: Node, plan: QueryPlan, facts: FileFacts) -> list[tuple[str, dict[str, list[Node]]]]:
    """Run the plan once; fill ``facts`` and return the side candidates still to be checked."""
    fact_count = len(FACT_PATTERNS)
    fact_matches: list[tuple[str, dict[str, list[Node]]]] = []
    candidates: list[tuple[str, dict[str, list[Node]]]] = []
    for index, captures in QueryCursor(plan.query).matches(root):
        if index < fact_count:
            fact_matches.append((FACT_PATTERNS[index][0], captures))
        else:
            candidates.append((plan.owners[index - fact_count], captures))
    fact_matches.sort(key=lambda item: _FACT_PRIORITY.get(item[0], 1))
    for kind, captures in fact_matches:
        facts.add(kind, captures)
    return candidates


def confirm(candidates: list[tuple[str, dict[str, list[Node]]]], evaluator: Evaluator) -> list[SideMatch]:
    """Keep the candidates whose ``@value`` really holds a value of their pattern set."""
    seen: set[tuple[str, int]] = set()
    matches: list[SideMatch] = []
    for set_id, captures in candidates:
        value = captures.get("value", [None])[0]
        if value is not None and set_id not in evaluator.evaluate(value).sets:
            continue
        reported = (captures.get("match") or captures.get("value") or next(iter(captures.values())))[0]
        if (set_id, reported.id) in seen:
            continue
        seen.add((set_id, reported.id))
        matches.append(SideMatch(set_id, reported, enclosing_scope_node(reported), display_name(value or reported)))
    matches.sort(key=lambda m: m.node.start_byte)
    return matches


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
