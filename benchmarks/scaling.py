"""How analysis time grows with the input: it should be linear (issue 14, point 1).

    .venv/bin/python benchmarks/scaling.py [--sizes 1000,10000,50000] [--repeat 3] [--limits-off]

Cases (each size is a number of functions or levels):
  functions  N mixing functions in one file (each opens a session and a psycopg2 connection)
  nested     N nested ``psycopg2.connect(`` calls in one mixing function (``.parent`` walks)
  long-line  one line of N*100 bytes of statements in a mixing function (``\\r\\n`` scans)
  recursive  N functions that all call each other (a ring with chords): one strongly connected
             group, every function reaching both sides, half of them each side directly

Each measurement runs in a fresh process (so peak memory is its own) and reports the median
CPU time (the machine may be shared) of ``--repeat`` runs of reading + analysing the file as ``txmix check`` does, the
peak RSS, and the ratio to the peer measured in the same run: CPython's ``ast.parse`` of the
same text, which is linear. A flat ratio column means txmix scales linearly.
``--limits-off`` raises txmix's per-file limits so the long line and deep nesting are analysed
rather than refused (the limits exist because these cases are slow or crash).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

HEADER = "import psycopg2\nfrom sqlalchemy.orm import Session\n\n"
FUNCTION = (
    "def handler_{i}(db: Session, order):\n"
    "    db.add(order)\n"
    "    conn = psycopg2.connect('dbname=shop')\n"
    "    conn.cursor().execute('UPDATE stock SET n = n - 1')\n"
    "    conn.commit()\n\n"
)


def make_case(case: str, size: int) -> str:
    if case == "functions":
        return HEADER + "".join(FUNCTION.format(i=i) for i in range(size))
    if case == "nested":
        return HEADER + "def deep(db: Session):\n    db.add(1)\n    x = " + "psycopg2.connect(" * size + ")" * size + "\n"
    if case == "long-line":
        return HEADER + "def wide(db: Session):\n    db.add(1); " + "conn = psycopg2.connect('x'); " * (size * 100 // 30) + "\n"
    if case == "recursive":
        return HEADER + "".join(_ring_function(i, size) for i in range(size))
    raise ValueError(case)


def _ring_function(i: int, size: int) -> str:
    """One function of the ``recursive`` case: its own side, then calls around the ring and across it."""
    side = "    db.add(object())\n" if i % 2 else "    psycopg2.connect('dbname=shop').commit()\n"
    calls = "".join(f"    f{target}(db)\n" for target in sorted({(i + 1) % size, (i * 7 + 3) % size, (i * 13 + 5) % size} - {i}))
    return f"def f{i}(db: Session):\n{side}{calls}\n"


MEASURE = r"""
import ast, json, resource, statistics, sys, time
from pathlib import Path
from txmix_hook.limits import Limits
from txmix_hook.runner import Checker
from txmix_hook.source import read_source
from txmix_hook.settings import CommandLine, build_settings
path, repeat, limits_off = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == "1"
settings = build_settings(CommandLine(isolated=True))
if limits_off:
    object.__setattr__(settings.config, "limits", Limits(10**10, 10**10, 10**6, 10**6))
checker = Checker(settings, project=False)  # the file alone: phase 1 and phase 2 on it
sys.setrecursionlimit(10**6)
ours, peer, outcome = [], [], ""
for _ in range(repeat):
    began = time.process_time()
    checked = checker.check_source(read_source(path, path.name))
    ours.append(time.process_time() - began)
    outcome = f"{len(checked.findings)} findings"
    text = path.read_text()
    began = time.process_time()
    try:
        ast.parse(text)
    except (SyntaxError, RecursionError, MemoryError):
        pass
    peer.append(time.process_time() - began)
print(json.dumps({"txmix": statistics.median(ours), "ast.parse": statistics.median(peer),
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "outcome": outcome[:120]}))
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", default="functions,nested,long-line")
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--limits-off", action="store_true")
    args = parser.parse_args()
    print(f"{'case':<10} {'size':>7} {'bytes':>10} {'txmix cpu s':>11} {'ast.parse s':>11} {'ratio':>7} {'s per 1k':>9} {'RSS MB':>7}  outcome")
    with tempfile.TemporaryDirectory() as folder:
        for case in args.cases.split(","):
            for size in (int(s) for s in args.sizes.split(",")):
                path = Path(folder) / f"{case}_{size}.py"
                path.write_text(make_case(case, size))
                done = subprocess.run(
                    [sys.executable, "-c", MEASURE, str(path), str(args.repeat), "1" if args.limits_off else "0"],
                    capture_output=True, text=True, cwd=ROOT, check=False,
                )
                if done.returncode != 0:
                    print(f"{case:<10} {size:>7} {path.stat().st_size:>10}  process failed (exit {done.returncode}): {done.stderr.strip()[-200:]}")
                    continue
                row = json.loads(done.stdout)
                ratio = row["txmix"] / row["ast.parse"] if row["ast.parse"] > 0 else float("nan")
                print(
                    f"{case:<10} {size:>7} {path.stat().st_size:>10} {row['txmix']:>11.3f} {row['ast.parse']:>11.3f}"
                    f" {ratio:>7.1f} {1000 * row['txmix'] / size:>9.3f} {row['rss_mb']:>7.0f}  {row['outcome']}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
