"""Full-scan benchmark: txmix against ast-grep on the pinned corpus, in the same run.

    python benchmarks/scan_corpus.py [--runs 7] [--corpus DIR]

Builds the corpus with ``../shared/bench/make_corpus.sh`` when it is missing, then times each
command ``--runs`` times, interleaved so machine noise hits all alike, and prints medians and
the ratios. txmix is timed twice: warm (its cache in a temporary folder, filled by the warm-up
run: a second scan of an unchanged tree) and cold (``--no-cache``: every file summarised and
the whole project matched). Needs ``txmix`` and ``ast-grep`` (``pip install ast-grep-cli``) on
PATH or in the venv.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared" / "bench"


def find_tool(name: str) -> str:
    local = Path(sys.executable).parent / name
    found = str(local) if local.exists() else shutil.which(name)
    if not found:
        sys.exit(f"benchmark: {name} not found (install it, e.g. pip install ast-grep-cli)")
    return found


def timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, int, str]:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    return time.perf_counter() - start, done.returncode, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--corpus", type=Path, default=HERE / ".corpus")
    parser.add_argument("--peer-rule", type=Path, default=SHARED / "peers" / "ast-grep-rule.yml")
    args = parser.parse_args()
    if not (args.corpus / ".stamps").is_dir():
        subprocess.run(["bash", str(SHARED / "make_corpus.sh"), str(args.corpus)], check=True)
    files = sum(1 for _ in args.corpus.rglob("*.py"))
    txmix = [find_tool("txmix"), "check", "--isolated", "--exit-zero"]
    commands = {
        "txmix warm": [*txmix, str(args.corpus)],
        "txmix cold": [*txmix, "--no-cache", str(args.corpus)],
        "ast-grep": [find_tool("ast-grep"), "scan", "-r", str(args.peer_rule), str(args.corpus)],
    }
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "TXMIX_CACHE_DIR": cache}
        times: dict[str, list[float]] = {name: [] for name in commands}
        for command in commands.values():  # one warm-up each: the page cache, txmix's cache
            timed(command, env)
        for _ in range(args.runs):
            for name, command in commands.items():
                seconds, code, _ = timed(command, env)
                if code not in (0, 1):
                    sys.exit(f"benchmark: {name} exited {code}")
                times[name].append(seconds)
    medians = {name: statistics.median(values) for name, values in times.items()}
    print(f"corpus: {files} .py files, {args.runs} runs each, interleaved")
    for name, values in times.items():
        print(f"{name:10} median {medians[name]:.3f} s   min {min(values):.3f} s   max {max(values):.3f} s")
    for name in ("txmix warm", "txmix cold"):
        print(f"ratio {name} / ast-grep (medians): {medians[name] / medians['ast-grep']:.2f}")


if __name__ == "__main__":
    main()
