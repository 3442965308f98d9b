"""Functions deferring a finding round in a circle are judged together
(``CallGraph.callee_reports``): the groups are the strongly connected components of the
deferrals, each listed after the groups it leads to, found without recursion."""

from __future__ import annotations

from txmix_hook.match.graph import _components_in_order


def test_circles_are_grouped_and_listed_after_what_they_lead_to() -> None:
    a, b, c, d, e, f, g = ((0, n) for n in range(7))
    edges = {a: [b], b: [c], c: [a, d], d: [e], e: [d, f], f: [], g: [a, (9, 9)]}  # (9, 9): outside, ignored
    order = _components_in_order(edges)
    groups = [frozenset(group) for group in order]
    assert sorted(map(len, groups)) == [1, 1, 2, 3]
    position = {member: number for number, group in enumerate(groups) for member in group}
    assert position[a] == position[b] == position[c] and position[d] == position[e]
    assert position[f] < position[d] < position[a] < position[g]


def test_a_chain_deeper_than_the_recursion_limit_is_walked() -> None:
    chain = {(0, n): [(0, n + 1)] for n in range(20_000)}
    chain[(0, 20_000)] = [(0, 0)]  # one long circle
    assert [len(group) for group in _components_in_order(chain)] == [20_001]
