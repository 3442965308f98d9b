"""A rule whose sides extend another rule's sets adds to that rule; it never repeats it.

``raw: { extends: psycopg2-connection, values: [{call: app.db.raw_conn}] }`` next to
``orm: { ref: sqlalchemy-session }`` matches every pair TXM001 matches, plus the pairs that
need ``raw_conn()``. Reporting the shared pairs under both codes would show each plain
``psycopg2.connect`` twice, once under the wrong label. So the pairs made only of the base
rule's sets stay the base rule's (its code, label, fix, suppressions and baseline entries keep
working once a team adds an extension), and the extending rule reports only pairs where at
least one side is a value its own sets added. Each side of the extending rule is then held in
one of two *parts*: the base set's values, or the values only the extension adds.

The base is chosen from the whole rule book, never from the run's selection, so
``--select ACME010`` shows what ACME010 adds and nothing more. A rule switched off with
``enabled: false`` is no base: the extending rule then reports its pairs itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import permutations, product

from txmix_hook.rules.model import Rule, Side
from txmix_hook.rules.rulebook import RuleBook


@dataclass(frozen=True)
class SidePart:
    """Where a side's values come from in one variant of a rule."""

    key: str  # what the call graph's reach is keyed by: a set id, or `own_key(extended, base)`
    label_set: str  # the set whose label names these values
    own_of: tuple[str, str] | None = None  # (extended set, base set) when these are only the extension's values


Variant = dict[str, SidePart]  # side name -> part


def own_key(extended: str, base: str) -> str:
    """Reach key of the values ``extended`` has and ``base`` has not (``/`` is in no set id)."""
    return f"{extended}/minus/{base}"


def ancestry(book: RuleBook, set_id: str) -> list[str]:
    """``set_id`` and the sets it extends, nearest first."""
    chain = [set_id]
    while (parent := book.sets[chain[-1]].extends) is not None and parent in book.sets and parent not in chain:
        chain.append(parent)
    return chain


def _pairing(book: RuleBook, rule: Rule, base: Rule) -> tuple[int, tuple[tuple[Side, Side], ...]] | None:
    """How ``rule``'s sides extend ``base``'s (report-at to report-at), and how far: None if they do not."""
    if base.id == rule.id or len(base.sides) != len(rule.sides):
        return None
    best: tuple[int, tuple[tuple[Side, Side], ...]] | None = None
    for others in permutations(base.other_sides):
        pairs = ((rule.side(rule.report_at), base.side(base.report_at)), *zip(rule.other_sides, others))
        distances = []
        for mine, theirs in pairs:
            chain = ancestry(book, mine.set_id)
            if theirs.set_id not in chain:
                break
            distances.append(chain.index(theirs.set_id))
        else:
            if sum(distances) > 0 and (best is None or sum(distances) < best[0]):
                best = (sum(distances), pairs)
    return best


def base_rule(book: RuleBook, rule: Rule) -> tuple[Rule, tuple[tuple[Side, Side], ...]] | None:
    """The enabled rule ``rule`` extends, nearest first (built-in before user rules, then by id),
    with each of ``rule``'s sides paired with the base side it extends."""
    found = []
    for other in book.rules.values():
        pairing = _pairing(book, rule, other) if other.enabled else None
        if pairing is not None:
            found.append((pairing[0], not other.builtin, other.id, other, pairing[1]))
    if not found:
        return None
    *_, base, pairs = min(found, key=lambda item: item[:3])
    return base, pairs


def variants(book: RuleBook, rule: Rule) -> list[Variant]:
    """The ways ``rule``'s sides may be held for it to report: one (its sets) for a rule that
    extends no other; otherwise every mix of base and own parts but the all-base one."""
    based = base_rule(book, rule)
    if based is None:
        return [{side.name: SidePart(side.set_id, side.set_id) for side in rule.sides}]
    options: list[list[tuple[str, SidePart]]] = []
    for mine, theirs in based[1]:
        parts = [(mine.name, SidePart(theirs.set_id, theirs.set_id))]
        if mine.set_id != theirs.set_id:
            own = (mine.set_id, theirs.set_id)
            parts.append((mine.name, SidePart(own_key(*own), mine.set_id, own)))
        options.append(parts)
    return [dict(combo) for combo in product(*options) if any(part.own_of for _, part in combo)]
