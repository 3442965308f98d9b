"""Overhead of the run-time guard: 10,000 small queries, with and without it, in the same run.

    python benchmarks/runtime_overhead.py [--runs 7] [--queries 10000] [--block 500]

Starts a throwaway PostgreSQL cluster (the proofs' ``tests/postgres/pg_server.py``; needs the
server binaries), then times two workloads, each with the guard off and on (``warn`` mode):

* psycopg2: ``cursor.execute("SELECT %s", (i,))`` + ``fetchone()`` per query, on a connection
  opened (untimed) after ``install()``, so every statement goes through the watched cursor
  (no session is open: the common, non-mixing path).
* Session: sessions of 100 ``session.execute(select ...)`` each, committed, so the session
  events (begin with its call-site walk, commit) fire once per 100 queries.

One run does ``--queries`` queries per workload and side, in blocks of ``--block`` queries that
alternate between guard off and guard on (the order flipping every block), so a change in the
machine's load hits both sides alike; install/uninstall and connecting happen between blocks,
untimed. The script prints the medians over runs of each side's total wall time and of this
(the client) process's CPU time, where the guard's work happens and which other processes on a
busy machine disturb less than wall time.

Because both are noisy on a shared machine, the script also times the guard's added layer on
its own, with no I/O: a watched cursor's ``execute`` (the subclass method and the check that
finds no open ORM work) against the plain method it wraps, a million calls each.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import timeit
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

import psycopg2  # noqa: E402
from sqlalchemy import create_engine, literal, select  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from postgres.pg_server import start_server  # noqa: E402
from txmix_hook import runtime  # noqa: E402
from txmix_hook.runtime.psycopg2_watch import watched_cursor_class  # noqa: E402

Timing = tuple[float, float]  # (wall seconds, CPU seconds of this process)
Block = Callable[[int], Timing]  # runs that many queries, returns their timing


def clock() -> Timing:
    return time.perf_counter(), time.process_time()


def since(start: Timing) -> Timing:
    wall, cpu = clock()
    return wall - start[0], cpu - start[1]


def psycopg2_block(dsn: str) -> Block:
    def run(queries: int) -> Timing:
        conn = psycopg2.connect(dsn)
        cur = conn.cursor()
        start = clock()
        for i in range(queries):
            cur.execute("SELECT %s", (i,))
            cur.fetchone()
        elapsed = since(start)
        conn.close()
        return elapsed

    return run


def session_block(url: str) -> Block:
    engine = create_engine(url)

    def run(queries: int) -> Timing:
        per_session = 100
        start = clock()
        for first in range(0, queries, per_session):
            with Session(engine) as db:
                for i in range(first, min(first + per_session, queries)):
                    db.execute(select(literal(i))).scalar_one()
                db.commit()
        return since(start)

    return run


def timed(block: Block, queries: int, guarded: bool) -> Timing:
    if guarded:
        runtime.install("warn")
    try:
        return block(queries)
    finally:
        if guarded:
            runtime.uninstall()


def one_run(block: Block, queries: int, block_size: int) -> dict[bool, Timing]:
    totals = {False: (0.0, 0.0), True: (0.0, 0.0)}
    for number in range(queries // block_size):
        for guarded in (False, True) if number % 2 == 0 else (True, False):
            wall, cpu = timed(block, block_size, guarded)
            totals[guarded] = (totals[guarded][0] + wall, totals[guarded][1] + cpu)
    return totals


def hook_cost_ns(calls: int = 1_000_000) -> float:
    """Nanoseconds a watched cursor adds to each ``execute`` when no ORM work is open."""

    class Cursor:  # stands in for the driver's cursor: its execute does nothing
        connection = None

        def execute(self, query: object, vars: object = None) -> None:
            return None

    plain, watched = Cursor(), watched_cursor_class(Cursor)()
    runtime.install("warn")
    try:
        times = {
            name: min(timeit.repeat(lambda c=cursor: c.execute("SELECT 1"), number=calls, repeat=5))  # type: ignore[misc]
            for name, cursor in (("plain", plain), ("watched", watched))
        }
    finally:
        runtime.uninstall()
    return (times["watched"] - times["plain"]) / calls * 1e9


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--queries", type=int, default=10_000)
    parser.add_argument("--block", type=int, default=500)
    args = parser.parse_args()
    print(f"the guard's layer adds {hook_cost_ns():.0f} ns per statement with no ORM work open (min of 5 x 1,000,000 calls)")
    server = start_server()
    try:
        blocks = {"psycopg2": psycopg2_block(server.dsn), "Session": session_block(server.url())}
        for block in blocks.values():  # warm up: connections, caches, compiled statements
            one_run(block, 2 * args.block, args.block)
        runs: dict[str, list[dict[bool, Timing]]] = {name: [] for name in blocks}
        for _ in range(args.runs):
            for name, block in blocks.items():
                runs[name].append(one_run(block, args.queries, args.block))
        print(f"{args.queries} queries per side and run, blocks of {args.block} alternating; medians of {args.runs} runs (min)")
        print("| workload | wall, guard off | wall, guard on | added wall | client CPU, off | client CPU, on | added CPU |")
        print("|---|---|---|---|---|---|---|")
        for name in blocks:
            cells = []
            for part in (0, 1):
                off = [run[False][part] for run in runs[name]]
                on = [run[True][part] for run in runs[name]]
                added = statistics.median(on) / statistics.median(off) - 1
                cells += [f"{statistics.median(off):.3f} s ({min(off):.3f})", f"{statistics.median(on):.3f} s ({min(on):.3f})", f"{added:+.1%}"]
            print(f"| {name} | " + " | ".join(cells) + " |")
        per_query = statistics.median(run[False][1] for run in runs["psycopg2"]) / args.queries * 1e6
        print(f"client CPU per psycopg2 query without the guard: {per_query:.1f} us")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
