"""All loaded rules and pattern sets, and the facts derived from them once per run."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from txmix_hook.rules.model import PatternSet, Rule, ValueSource

def _has(word: str, data: bytes, memo: dict[str, bool]) -> bool:
    """Is ``word`` in the file? Memoised per file next to the set results (keys cannot clash:
    set ids are lower-case-with-dashes, words are prefixed)."""
    key = "w:" + word
    found = memo.get(key)
    if found is None:
        found = memo[key] = word.encode() in data
    return found


SESSION_SET = "sqlalchemy-session"
DECLARED_RAW_SET = "declared-raw-connection"


@dataclass
class RuleBook:
    rules: dict[str, Rule] = field(default_factory=dict)
    sets: dict[str, PatternSet] = field(default_factory=dict)

    def may_match(self, set_id: str, data: bytes, seen: dict[str, bool] | None = None) -> bool:
        """Could a value of this set appear in a file with these bytes? (Never wrong when False.)

        Derived from binding facts: a value made by ``psycopg2.connect`` needs both words,
        ``psycopg2`` (it must be imported) and ``connect`` (it must be called); a value made
        by ``engine.raw_connection()`` needs ``raw_connection`` and an engine. Files where no
        rule can match are never parsed.
        """
        memo = {} if seen is None else seen
        if set_id in memo:
            return memo[set_id]
        memo[set_id] = False  # a cycle proves nothing
        pset = self.sets[set_id]
        result = any(self._source_may_match(source, data, memo) for source in pset.values)
        if not result and any("@value" not in q.text for q in pset.queries):
            result = not pset.own_keywords or any(_has(w, data, memo) for w in pset.own_keywords)
        memo[set_id] = result
        return result

    def _source_may_match(self, source: ValueSource, data: bytes, memo: dict[str, bool]) -> bool:
        if source.how in ("call", "annotation", "name", "stored-annotation"):
            first, _, last = source.target.rpartition(".")
            if not _has(last, data, memo):
                return False
            # The top-level package must be named, unless a relative import (`from ..db import
            # raw_conn`) can reach the name without it.
            return source.by_name_alone or _has(first.split(".")[0] or last, data, memo) or _has("from .", data, memo)
        if source.how != "call-of" and not _has(source.name or "", data, memo):
            return False
        return self.may_match(source.target, data, memo)

    def with_values(self, set_id: str, sources: tuple[ValueSource, ...]) -> RuleBook:
        """A copy where ``set_id`` has extra value sources (config-declared factories)."""
        pset = self.sets[set_id]
        changed = replace(pset, values=pset.values + sources)
        return RuleBook(rules=dict(self.rules), sets={**self.sets, set_id: changed})

    def with_factories(self, session: tuple[str, ...], raw: tuple[str, ...]) -> RuleBook:
        """Teach the book a team's own helpers (``session-factories`` / ``raw-connection-factories``)."""
        book = self
        if session:
            book = book.with_values(SESSION_SET, tuple(ValueSource("call", name, by_name_alone=True) for name in session))
        if raw:
            book = book.with_values(DECLARED_RAW_SET, tuple(ValueSource("call", name, by_name_alone=True) for name in raw))
        return book

    def rule_may_match(self, rule: Rule, data: bytes, memo: dict[str, bool] | None = None) -> bool:
        memo = {} if memo is None else memo
        return all(self.may_match(side.set_id, data, memo) for side in rule.sides)
