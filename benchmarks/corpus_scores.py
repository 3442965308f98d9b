"""Precision and recall of txmix on the labelled corpus, with per-case results.

    python benchmarks/corpus_scores.py [--only-failing]

Runs `txmix check . --output-format json` in every case directory of tests/corpus/ (each its
own project root), compares the findings with the `# expect:` markers, and prints one line
per case (expected, found, hits, misses, false alarms) and the corpus-wide figures that
BENCHMARKS.md records.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from corpus_scoring import score_corpus  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only-failing", action="store_true", help="list only the cases that are not exactly right")
    args = parser.parse_args()
    scores = score_corpus()
    print(f"{'case':<48} {'files':>5} {'exp':>4} {'found':>5} {'hit':>4} {'miss':>4} {'false':>5}")
    for case in scores.cases:
        right = not (case.misses or case.false_alarms or case.error)
        if args.only_failing and right:
            continue
        files = sum(1 for _ in (Path(__file__).resolve().parents[1] / "tests" / "corpus" / case.name).rglob("*.py"))
        hits = len(case.expected & case.found)
        note = f"  ERROR {case.error}" if case.error else ""
        print(f"{case.name:<48} {files:>5} {len(case.expected):>4} {len(case.found):>5} {hits:>4} {len(case.misses):>4} {len(case.false_alarms):>5}{note}")
    multi = sum(1 for c in scores.cases if c.multi_file)
    print(f"\n{len(scores.cases)} cases ({multi} multi-file), {scores.expected} expected findings, {scores.found} reported, {scores.true_positives} correct")
    print(f"precision {scores.precision:.3f}  recall {scores.recall:.3f}")
    failing = scores.failures()
    if failing:
        print("\nper-case misses and false alarms:")
        print("\n".join(failing))


if __name__ == "__main__":
    main()
