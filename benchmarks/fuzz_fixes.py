"""The fix fuzzer's long run: at least 50,000 generated and mutated inputs, zero failures expected.

    python benchmarks/fuzz_fixes.py [--count 50000] [--start 0] [--jobs 1]

Each input is ``tests/fixes/fuzzing.py``'s program model driven by ``random.Random(seed)`` for
consecutive seeds (so any failure is reproducible from its seed) and checked in-process with
the real checker and fixer: the fixed text compiles, a second fix changes nothing, and no line
outside the fixed scopes changes. Prints counts, the failures (seed and reason) and the time;
exits 1 on any failure. The CI test runs the same model under hypothesis, a few hundred inputs.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from fixes.fuzzing import FixOracle, RandomChooser, example  # noqa: E402

_oracle: FixOracle | None = None


def _check(seed: int) -> tuple[int, bool, int, str]:
    global _oracle
    if _oracle is None:
        _oracle = FixOracle()
    verdict = _oracle.check(example(RandomChooser(seed)))
    return seed, verdict.considered, verdict.fixed, verdict.problem


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=50_000)
    parser.add_argument("--start", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    seeds = range(args.start, args.start + args.count)
    began = time.perf_counter()
    totals: Counter[str] = Counter()
    failures: list[tuple[int, str]] = []
    pool = multiprocessing.get_context("fork").Pool(args.jobs) if args.jobs > 1 else None
    results = pool.imap_unordered(_check, seeds, chunksize=32) if pool is not None else map(_check, seeds)
    for seed, considered, fixed, problem in results:
        totals["inputs"] += 1
        totals["compiling inputs"] += considered
        totals["findings fixed"] += fixed
        totals["inputs with a fix"] += fixed > 0
        if problem:
            failures.append((seed, problem))
            print(f"  seed {seed}: {problem}", flush=True)
        if totals["inputs"] % 2000 == 0:  # a long run interrupted still tells how far it got
            print(f"... {totals['inputs']} inputs, {len(failures)} failures, {time.perf_counter() - began:.0f} s", flush=True)
    if pool is not None:
        pool.close()
    elapsed = time.perf_counter() - began
    for key in ("inputs", "compiling inputs", "inputs with a fix", "findings fixed"):
        print(f"{key}: {totals[key]}")
    print(f"failures: {len(failures)}")
    print(f"seeds {args.start}..{args.start + args.count - 1}, {elapsed:.0f} s")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
