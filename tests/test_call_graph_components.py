"""Functions that call each other are judged together (``CallGraph.callee_reports``): the
groups are the strongly connected components of the call graph, found without recursion."""

from __future__ import annotations

from txmix_hook.match.graph import _components


def test_cycles_are_grouped_and_functions_on_no_cycle_are_left_alone() -> None:
    a, b, c, d, e, f, g = ((0, n) for n in range(7))
    calls = {a: [b], b: [c], c: [a, d], d: [e], e: [d, f], f: [], g: [a]}
    groups = _components(calls)
    assert groups[a] == groups[b] == groups[c] == frozenset({a, b, c})
    assert groups[d] == groups[e] == frozenset({d, e})
    assert f not in groups and g not in groups


def test_a_call_chain_deeper_than_the_recursion_limit_is_walked() -> None:
    chain = {(0, n): [(0, n + 1)] for n in range(20_000)}
    chain[(0, 20_000)] = [(0, 0)]  # one long cycle
    groups = _components(chain)
    assert len(groups[(0, 0)]) == 20_001
