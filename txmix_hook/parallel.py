"""Checking many files on every core, in order, with no change to what is reported.

Small runs (a pre-commit hook's handful of files) stay in this process: starting workers costs
more than it saves. Large ones fork workers that inherit the already-loaded rules and compiled
queries, each reading and checking whole files; results come back in input order, so output
is identical to a serial run.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from txmix_hook.discovery import Candidate
    from txmix_hook.runner import Checker, FileReport

PARALLEL_THRESHOLD = 200  # files; below this a worker pool is slower than one process
CHUNK = 16

_worker_checker: Checker | None = None


def worker_count() -> int:
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    requested = os.environ.get("TXMIX_JOBS", "")
    return max(1, int(requested)) if requested.isdigit() else cores


def check_all(checker: Checker, candidates: Sequence[Candidate]) -> Iterator[FileReport]:
    from txmix_hook.runner import check_candidate

    jobs = worker_count()
    if jobs < 2 or len(candidates) < PARALLEL_THRESHOLD or "fork" not in multiprocessing.get_all_start_methods():
        for candidate in candidates:
            yield check_candidate(checker, candidate)
        return
    global _worker_checker
    _worker_checker = checker
    _ = checker.analyzer.plan  # compile the query once, before the workers inherit it
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        yield from pool.imap(_check_in_worker, candidates, chunksize=CHUNK)


def _check_in_worker(candidate: Candidate) -> FileReport:
    from txmix_hook.runner import check_candidate

    assert _worker_checker is not None
    return check_candidate(_worker_checker, candidate)
