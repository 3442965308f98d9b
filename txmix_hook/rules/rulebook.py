"""All loaded rules and pattern sets, and the facts derived from them once per run."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from txmix_hook.rules.model import PatternSet, Rule


@dataclass
class RuleBook:
    rules: dict[str, Rule] = field(default_factory=dict)
    sets: dict[str, PatternSet] = field(default_factory=dict)

    def keywords(self, set_id: str) -> frozenset[str]:
        """Words one of which must appear in a file for this set to possibly match there.

        Derived from binding facts: a value made by ``psycopg2.connect`` needs the word
        ``psycopg2`` in the file (it must be imported). Empty means "cannot tell": always parse.
        """
        return self._keywords[set_id]

    @cached_property
    def _keywords(self) -> dict[str, frozenset[str]]:
        result: dict[str, frozenset[str]] = {}

        def visit(set_id: str, seen: frozenset[str]) -> frozenset[str] | None:
            if set_id in result:
                return result[set_id]
            pset = self.sets[set_id]
            words: set[str] = set(pset.own_keywords)
            for source in pset.values:
                if source.how in ("call", "annotation"):
                    words.add(source.target.split(".")[0])
                elif source.target not in seen:
                    inner = visit(source.target, seen | {set_id})
                    if inner is None or not inner:
                        return None
                    words |= inner
            has_free_query = any("@value" not in q.text for q in pset.queries)
            if has_free_query and not pset.own_keywords:
                return None
            return frozenset(words)

        for set_id in self.sets:
            words = visit(set_id, frozenset())
            result[set_id] = words if words is not None else frozenset()
        return result

    def rule_may_match(self, rule: Rule, data: bytes) -> bool:
        for side in rule.sides:
            words = self.keywords(side.set_id)
            if words and not any(w.encode() in data for w in words):
                return False
        return True
