"""Fuzzing, short CI profile: generated modules and damaged real files never crash the analysis
and every finding lies inside its file. ``benchmarks/fuzz.py`` runs the long profile."""

from __future__ import annotations

import random

import hypothesmith
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.robustness.fuzzing import MIX_TAIL, PendingEngine, check_invariants, default_checker, mutate, seed_files
from txmix_hook.runner import Checker

SEEDS = seed_files()
CI = settings(max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def checker() -> Checker:
    return default_checker()


def test_the_seeds_reach_the_analysis(checker: Checker) -> None:
    """Mutating files that never get analysed would prove nothing: most seeds have findings."""
    with_findings = sum(1 for seed in SEEDS if check_invariants(checker, seed) > 0)
    assert len(SEEDS) >= 20 and with_findings >= len(SEEDS) // 3


@CI
@given(seed=st.sampled_from(range(len(SEEDS))), rng=st.randoms(use_true_random=False))
def test_damaged_real_files_never_crash_the_analysis(checker: Checker, seed: int, rng: random.Random) -> None:
    try:
        check_invariants(checker, mutate(SEEDS[seed], rng))
    except PendingEngine:
        pass  # a known engine crash (fuzzing.PENDING_ENGINE); the runner reports it as one error line


@settings(max_examples=30, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(module=hypothesmith.from_grammar(auto_target=False), rng=st.randoms(use_true_random=False))
def test_generated_modules_with_mixing_code_never_crash_the_analysis(checker: Checker, module: str, rng: random.Random) -> None:
    data = module.encode("utf-8", "surrogatepass")
    where = rng.randrange(len(data) + 1)
    for case in (data[:where] + MIX_TAIL + data[where:], MIX_TAIL + data):
        try:
            check_invariants(checker, case)
        except PendingEngine:
            pass  # a known engine crash (fuzzing.PENDING_ENGINE); the runner reports it as one error line
