"""All loaded rules and pattern sets, and the facts derived from them once per run."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property

from txmix_hook.rules.model import PatternSet, Rule, ValueSource


SESSION_SET = "sqlalchemy-session"
DECLARED_RAW_SET = "declared-raw-connection"


@dataclass
class RuleBook:
    rules: dict[str, Rule] = field(default_factory=dict)
    sets: dict[str, PatternSet] = field(default_factory=dict)

    def keywords(self, set_id: str) -> frozenset[str] | None:
        """Words one of which must appear in a file for this set to possibly match there.

        Derived from binding facts: a value made by ``psycopg2.connect`` needs the word
        ``psycopg2`` in the file (it must be imported). ``None`` means "cannot tell" (always
        parse); an empty set means the set can never match (it has no way to make a value).
        """
        return self._keywords[set_id]

    @cached_property
    def _keywords(self) -> dict[str, frozenset[str] | None]:
        result: dict[str, frozenset[str] | None] = {}

        def visit(set_id: str, seen: frozenset[str]) -> frozenset[str] | None:
            if set_id in result:
                return result[set_id]
            pset = self.sets[set_id]
            if any("@value" not in q.text for q in pset.queries) and not pset.own_keywords:
                return None
            words: set[str] = set(pset.own_keywords)
            for source in pset.values:
                if source.how in ("call", "annotation"):
                    words.add(source.target.split(".")[0])
                elif source.target not in seen:
                    inner = visit(source.target, seen | {set_id})
                    if inner is None:
                        return None
                    words |= inner
            return frozenset(words)

        for set_id in self.sets:
            result[set_id] = visit(set_id, frozenset())
        return result

    def with_values(self, set_id: str, sources: tuple[ValueSource, ...]) -> RuleBook:
        """A copy where ``set_id`` has extra value sources (config-declared factories).

        Their last name segment becomes a keyword too, since in-house helpers are often
        reached through relative imports (``from .db import get_session``).
        """
        pset = self.sets[set_id]
        extra_words = frozenset(s.target.split(".")[-1] for s in sources)
        changed = replace(pset, values=pset.values + sources, own_keywords=pset.own_keywords | extra_words)
        return RuleBook(rules=dict(self.rules), sets={**self.sets, set_id: changed})

    def with_factories(self, session: tuple[str, ...], raw: tuple[str, ...]) -> RuleBook:
        """Teach the book a team's own helpers (``session-factories`` / ``raw-connection-factories``)."""
        book = self
        if session:
            book = book.with_values(SESSION_SET, tuple(ValueSource("call", name) for name in session))
        if raw:
            book = book.with_values(DECLARED_RAW_SET, tuple(ValueSource("call", name) for name in raw))
        return book

    def rule_may_match(self, rule: Rule, data: bytes) -> bool:
        for side in rule.sides:
            words = self.keywords(side.set_id)
            if words is not None and not any(w.encode() in data for w in words):
                return False
        return True
