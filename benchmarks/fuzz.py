"""Long fuzz run: at least 100,000 damaged real files and generated modules through the analysis.

    .venv/bin/python benchmarks/fuzz.py [--inputs 100000] [--seed 1] [--out fuzz-out]

The inputs are those of tests/robustness/test_fuzz.py (mutated real files that mix, and
hypothesmith modules with mixing code spliced in), many more of them. Each is analysed as the
runner does and checked for: no exception, every finding inside the file. A worker process
does the work so a crash in a C library (a segfault) or a hang is caught too: the parent
restarts it and keeps the input that killed it. Every failing input is saved under --out and
counted by kind; the summary line is what goes into BENCHMARKS.md. Also recorded: the slowest
input in CPU time per kilobyte (of inputs over 1 KB), so super-linear cases show up.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

HANG_SECONDS = 300.0  # generous: the machine may be shared; a real hang never ends
GENERATED_SHARE = 0.02  # hypothesmith is ~100x slower to draw from than a mutation


def _inputs(seed: int, start: int, count: int, seeds: list[bytes]):  # type: ignore[no-untyped-def]
    """A mutated input number i is a pure function of (seed, i), so a restarted worker resumes there."""
    from tests.robustness.fuzzing import MIX_TAIL, mutate

    generated = _generated_modules(seed)
    for index in range(start, count):
        rng = random.Random(f"{seed}:{index}")
        if rng.random() < GENERATED_SHARE:
            module = next(generated).encode("utf-8", "surrogatepass")
            where = rng.randrange(len(module) + 1)
            yield index, "generated", module[:where] + MIX_TAIL + module[where:]
        else:
            yield index, "mutated", mutate(rng.choice(seeds), rng)


def _generated_modules(seed: int):  # type: ignore[no-untyped-def]
    import hypothesmith
    from hypothesis import HealthCheck, given, settings
    from hypothesis.errors import HypothesisException

    drawn: list[str] = []

    @settings(max_examples=50, database=None, deadline=None, suppress_health_check=list(HealthCheck))
    @given(hypothesmith.from_grammar(auto_target=False))
    def draw(module: str) -> None:
        drawn.append(module)

    while True:
        drawn.clear()
        try:
            draw()
        except HypothesisException:
            pass
        yield from drawn or ["pass\n"]


def _worker(seed: int, start: int, count: int, progress: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    from tests.robustness.fuzzing import PendingEngine, check_invariants, default_checker, seed_files

    checker = default_checker()
    seeds = seed_files()
    for index, kind, data in _inputs(seed, start, count, seeds):
        progress.put(("start", index, kind, data))
        began = time.process_time()  # CPU time: the machine may be shared
        try:
            findings = check_invariants(checker, data)
            outcome = f"ok:{min(findings, 1)}"
        except PendingEngine as exc:
            outcome = f"pending-engine: {exc}"
        except Exception as exc:  # noqa: BLE001 - every crash is a result here
            outcome = f"crash: {type(exc).__name__}: {exc}"[:300]
        progress.put(("done", index, outcome, time.process_time() - began))
    progress.put(("finished", count, "", 0.0))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--inputs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=Path("fuzz-out"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    context = multiprocessing.get_context("spawn")
    counts: dict[str, int] = {}
    failures: dict[str, int] = {}
    slowest = (0.0, -1, 0)  # seconds per KB, input index, size
    started = time.perf_counter()
    next_index = 0
    while next_index < args.inputs:
        queue = context.Queue()
        worker = context.Process(target=_worker, args=(args.seed, next_index, args.inputs, queue), daemon=True)
        worker.start()
        current: tuple[int, str, bytes] | None = None
        while True:
            try:
                message = queue.get(timeout=HANG_SECONDS)
            except Exception:  # noqa: BLE001 - queue.Empty, or the worker died
                message = None
            if message is None:
                reason = "hang" if worker.is_alive() else f"died (exit {worker.exitcode})"
                worker.kill()
                worker.join()
                if current is None:
                    raise SystemExit(f"worker failed before its first input: {reason}")
                _record(args.out, failures, counts, f"crash: {reason}", current)
                next_index = current[0] + 1
                break
            tag, index, detail, extra = message
            if tag == "start":
                current = (index, detail, extra)
            elif tag == "done":
                assert current is not None
                if detail.startswith(("crash", "pending-engine")):
                    _record(args.out, failures, counts, detail, current)
                else:
                    counts[detail] = counts.get(detail, 0) + 1
                size_kb = max(len(current[2]), 1) / 1024
                if extra / size_kb > slowest[0] and len(current[2]) > 1024:
                    slowest = (extra / size_kb, index, len(current[2]))
                next_index = index + 1
                if next_index % 10_000 == 0:
                    print(f"{next_index} inputs, {time.perf_counter() - started:.0f} s, failures: {failures}", flush=True)
            elif tag == "finished":
                worker.join()
                next_index = args.inputs
                break
    elapsed = time.perf_counter() - started
    total = sum(counts.values())
    summary = {
        "inputs": total,
        "seconds": round(elapsed),
        "with findings": counts.get("ok:1", 0),
        "crashes": sum(n for kind, n in failures.items() if kind.startswith("crash")),
        "pending engine": sum(n for kind, n in failures.items() if kind.startswith("pending-engine")),
        "failures by kind": failures,
        "slowest CPU ms per KB": round(slowest[0] * 1000, 2),
        "slowest input": slowest[1],
        "slowest size": slowest[2],
    }
    (args.out / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    print(json.dumps(summary, indent=2))


def _record(out: Path, failures: dict[str, int], counts: dict[str, int], kind: str, current: tuple[int, str, bytes]) -> None:
    index, source, data = current
    failures[kind] = failures.get(kind, 0) + 1
    counts[kind.split(":")[0]] = counts.get(kind.split(":")[0], 0) + 1
    if failures[kind] <= 5:  # a few reproductions per kind are enough
        (out / f"{index:06d}-{source}.py").write_bytes(data)
        with open(out / "failures.txt", "a", encoding="utf-8") as log:
            log.write(f"{index:06d} {kind}\n")


if __name__ == "__main__":
    os.environ.setdefault("TXMIX_JOBS", "1")
    main()
