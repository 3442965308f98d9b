"""Per-file work on several processes, each result handed back as soon as it is done (with
its index), the costliest items first, and a crash costs one file.

Workers are forked, so they inherit what the parent already built (rules, compiled queries,
the list of files) and only indices and results cross the pipes. Each worker sends a result
per item, so when one dies (a segfault or abort in a C library: tree-sitter, a grammar) the
parent knows the exact item it was on: that item is reported through ``crashed`` and the rest
of the worker's share goes to a fresh worker. Each worker has a second chunk waiting in its
pipe, so the parent may work on a result (unpickle a summary) without leaving a core idle.
Results are the same as a serial run's, in another order.

Generic on purpose: this module knows nothing of files or findings, so the runner imports it
and not the other way round.
"""

from __future__ import annotations

import os
import signal
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:  # multiprocessing itself is imported only when a run uses workers
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

T = TypeVar("T")
R = TypeVar("R")

PARALLEL_THRESHOLD = 200  # items; with the default job count, fewer stay in this process
CHUNK = 16  # items handed to a worker at a time

_work: Callable[[object], object] | None = None  # set before forking; the workers inherit it
_items: Sequence[object] = ()


def default_jobs() -> int:
    """The cores this process may run on (``TXMIX_JOBS`` overrides, as before ``--jobs``)."""
    requested = os.environ.get("TXMIX_JOBS", "")
    if requested.isdigit():
        return max(1, int(requested))
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def run_each(
    work: Callable[[T], R],
    items: Sequence[T],
    crashed: Callable[[T, str], R],
    jobs: int | None = None,
    cost: Callable[[T], int] | None = None,
) -> Iterator[tuple[int, R]]:
    """``(index, work(item))`` for every item, as each is done. ``jobs`` None: the default, and
    small runs stay here (starting workers costs more than it saves); an explicit ``jobs`` is
    honoured as given. ``cost``: about how long an item takes (a file's size); the costliest
    are handed out first, so no worker is left with a large one after the others finished."""
    count = default_jobs() if jobs is None else jobs
    small = jobs is None and len(items) < PARALLEL_THRESHOLD
    if count < 2 or len(items) < 2 or small or not hasattr(os, "fork"):
        yield from enumerate(map(work, items))
        return
    yield from _Pool(work, items, crashed, count, cost).completed()  # type: ignore[arg-type]


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    pending: deque[int] = field(default_factory=deque)  # indices sent and not yet answered


@dataclass
class _Raised:
    """An ordinary exception in a worker: re-raised in the parent, as a serial run would."""

    error: BaseException


class _Pool(Generic[T, R]):
    def __init__(self, work: Callable[[T], R], items: Sequence[T], crashed: Callable[[T, str], R], jobs: int, cost: Callable[[T], int] | None = None) -> None:
        self.work, self.items, self.crashed = work, items, crashed
        import multiprocessing

        self.context = multiprocessing.get_context("fork")
        size = self.size = max(1, min(CHUNK, len(items) // (jobs * 4)))
        order = list(range(len(items))) if cost is None else sorted(range(len(items)), key=lambda i: -cost(items[i]))
        self.queue: deque[list[int]] = deque(order[i : i + size] for i in range(0, len(order), size))
        self.jobs = min(jobs, len(self.queue))
        self.workers: dict[Connection, _Worker] = {}
        self.done: dict[int, R] = {}

    def completed(self) -> Iterator[tuple[int, R]]:
        global _work, _items
        _work, _items = self.work, self.items  # type: ignore[assignment]
        finished = False
        try:
            for _ in range(self.jobs):
                self._start()
            handed = 0
            while handed < len(self.items):
                if not self.done:
                    self._collect()
                while self.done:
                    yield self.done.popitem()
                    handed += 1
            finished = True
        finally:
            self._stop(finished)
            _work, _items = None, ()

    def _start(self) -> None:
        if not self.queue:
            return
        ours, theirs = self.context.Pipe()
        process = self.context.Process(target=_serve, args=(theirs, ours), daemon=True)
        process.start()
        theirs.close()
        worker = _Worker(process, ours)
        self.workers[ours] = worker
        self._feed(worker)
        self._feed(worker)  # a second chunk waits in the pipe: a busy parent never leaves a worker idle

    def _feed(self, worker: _Worker) -> None:
        if self.queue:
            chunk = self.queue.popleft()
            worker.pending.extend(chunk)
            try:
                worker.conn.send(chunk)
            except OSError:
                pass  # it died since its last answer: the end of its pipe comes next, and _lost requeues the chunk

    def _collect(self) -> None:
        from multiprocessing.connection import wait

        for conn in wait(list(self.workers)):
            worker = self.workers[conn]  # type: ignore[index]
            try:
                index, value = worker.conn.recv()
            except (EOFError, OSError):
                self._lost(worker)
                continue
            if isinstance(value, _Raised):
                raise value.error
            worker.pending.remove(index)
            self.done[index] = value
            if len(worker.pending) <= self.size:
                self._feed(worker)

    def _lost(self, worker: _Worker) -> None:
        """A worker died: its current item is reported as crashed, the rest go to a new worker."""
        del self.workers[worker.conn]
        worker.conn.close()
        worker.process.join()
        if worker.pending:
            culprit = worker.pending.popleft()
            self.done[culprit] = self.crashed(self.items[culprit], _describe(worker.process.exitcode))
            if worker.pending:
                self.queue.appendleft(list(worker.pending))
        self._start()

    def _stop(self, finished: bool) -> None:
        """Idle workers are told to stop; on an error or an interrupt they are killed at once."""
        for worker in self.workers.values():
            try:
                if finished:
                    worker.conn.send(None)
                else:
                    worker.process.kill()
            except OSError:
                pass
        for worker in self.workers.values():
            worker.process.join()
            worker.conn.close()
        self.workers.clear()


def _serve(conn: Connection, parents_end: Connection) -> None:
    """A worker: answer each index of each chunk with its result, until told to stop."""
    parents_end.close()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    assert _work is not None
    while (chunk := conn.recv()) is not None:
        for index in chunk:
            try:
                value: object = _work(_items[index])
            except Exception as exc:  # noqa: BLE001 - handed to the parent, which raises it
                value = _Raised(exc)
            conn.send((index, value))


def _describe(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            return f"killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"killed by signal {-exitcode}"
    return f"exit status {exitcode}"
