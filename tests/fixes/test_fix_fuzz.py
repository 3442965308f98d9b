"""The fix fuzzer's short profile: generated and mutated programs, the three promises each.

The long run (``benchmarks/fuzz_fixes.py``, 50,000 inputs) records its result in BENCHMARKS.md;
this one runs a few hundred derandomized examples so CI stays fast and repeatable.
"""

from __future__ import annotations

from typing import Sequence, TypeVar

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fixes.fuzzing import FixOracle, example

T = TypeVar("T")
ORACLE = FixOracle()


class DrawChooser:
    """Hypothesis draws behind the fuzzer's Chooser, so failures shrink to small programs."""

    def __init__(self, data: st.DataObject) -> None:
        self._data = data

    def choice(self, options: Sequence[T]) -> T:
        return self._data.draw(st.sampled_from(list(options)))

    def randint(self, low: int, high: int) -> int:
        return self._data.draw(st.integers(low, high))


@settings(max_examples=300, derandomize=True, database=None, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_fixed_files_compile_are_fixed_points_and_change_only_fixed_scopes(data: st.DataObject) -> None:
    verdict = ORACLE.check(example(DrawChooser(data)))
    assert verdict.problem == "", verdict.problem


def test_the_short_profile_reaches_fixable_code() -> None:
    """Guard against a generator that drifts into inputs with nothing to fix."""
    from fixes.fuzzing import RandomChooser

    verdicts = [ORACLE.check(example(RandomChooser(seed))) for seed in range(40)]
    assert sum(v.considered for v in verdicts) >= 20
    assert sum(v.fixed for v in verdicts) >= 40
