"""Overhead of the run-time guard: 10,000 small queries, with and without it, in the same run.

    python benchmarks/runtime_overhead.py [--runs 9] [--queries 10000]

Starts a throwaway PostgreSQL cluster (the proofs' ``tests/postgres/pg_server.py``; needs the
server binaries), then times two workloads, each with the guard off and on (``warn`` mode):

* psycopg2: one connection, ``cursor.execute("SELECT %s", (i,))`` + ``fetchone()`` per query;
  with the guard on, the connection is opened after ``install()``, so every statement goes
  through the watched cursor (no session is open: the common, non-mixing path).
* Session: 100 sessions of 100 ``session.execute(select ...)`` each, committed, so the
  session events (begin with its call-site walk, commit) fire 100 times.

The four timings of one run are interleaved, their order alternating between runs, so machine
noise hits both sides alike; the script prints medians, minimums and the added wall time, and
the added CPU time of this (the client) process, which is where the guard's work happens and
which other processes on a busy machine disturb much less than wall time.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

import psycopg2
from sqlalchemy import create_engine, literal, select
from sqlalchemy.orm import Session

from postgres.pg_server import start_server
from txmix_hook import runtime


Timing = tuple[float, float]  # (wall seconds, CPU seconds of this process)


def clock() -> Timing:
    return time.perf_counter(), time.process_time()


def since(start: Timing) -> Timing:
    wall, cpu = clock()
    return wall - start[0], cpu - start[1]


def psycopg2_workload(dsn: str, queries: int) -> Callable[[], Timing]:
    def run() -> Timing:
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


def session_workload(url: str, queries: int) -> Callable[[], Timing]:
    engine = create_engine(url)

    def run() -> Timing:
        per_session = 100
        start = clock()
        for first in range(0, queries, per_session):
            with Session(engine) as db:
                for i in range(first, first + per_session):
                    db.execute(select(literal(i))).scalar_one()
                db.commit()
        return since(start)

    return run


def timed(run: Callable[[], Timing], guarded: bool) -> Timing:
    if guarded:
        runtime.install("warn")
    try:
        return run()
    finally:
        if guarded:
            runtime.uninstall()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--queries", type=int, default=10_000)
    args = parser.parse_args()
    server = start_server()
    try:
        workloads = {"psycopg2": psycopg2_workload(server.dsn, args.queries), "Session": session_workload(server.url(), args.queries)}
        for run in workloads.values():  # warm up: connections, caches, compiled statements
            timed(run, False)
            timed(run, True)
        times: dict[tuple[str, bool], list[Timing]] = {(name, guarded): [] for name in workloads for guarded in (False, True)}
        for number in range(args.runs):
            for name, run in workloads.items():
                for guarded in (False, True) if number % 2 == 0 else (True, False):
                    times[name, guarded].append(timed(run, guarded))
        print(f"{args.queries} queries, {args.runs} interleaved runs (medians; min in brackets)")
        print("| workload | wall without guard | wall with guard (warn) | added wall | client CPU without | client CPU with | added CPU |")
        print("|---|---|---|---|---|---|---|")
        for name in workloads:
            cells = []
            for part in (0, 1):
                off = [t[part] for t in times[name, False]]
                on = [t[part] for t in times[name, True]]
                added = statistics.median(on) / statistics.median(off) - 1
                cells += [f"{statistics.median(off):.3f} s ({min(off):.3f})", f"{statistics.median(on):.3f} s ({min(on):.3f})", f"{added:+.1%}"]
            print(f"| {name} | " + " | ".join(cells) + " |")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
