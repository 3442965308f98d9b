"""How work is handed to the workers: every item back once with its index, as each is done,
the costliest first (a large file handed out last would keep one core busy alone)."""

from __future__ import annotations

import os
import time

from txmix_hook.parallel import run_each


def _square(item: int) -> int:
    return item * item


def _never(item: int, how: str) -> int:
    raise AssertionError(f"item {item} crashed: {how}")


def test_every_item_comes_back_once_with_its_index() -> None:
    items = list(range(500))
    results = list(run_each(_square, items, _never, jobs=2, cost=lambda item: item % 17))
    assert sorted(index for index, _ in results) == items
    assert all(value == items[index] ** 2 for index, value in results)


def test_the_costliest_items_are_handed_out_first() -> None:
    items = list(range(500))
    results = list(run_each(_square, items, _never, jobs=2, cost=lambda item: item))
    first_chunks = 4 * 16  # two workers, two chunks of 16 waiting in each
    assert min(index for index, _ in results[:first_chunks]) >= len(items) - 2 * first_chunks
    assert results[-1][0] < first_chunks  # the cheapest go last


def test_a_small_run_stays_in_this_process_in_order() -> None:
    assert list(run_each(_square, [3, 1, 2], _never)) == [(0, 9), (1, 1), (2, 4)]


def _abort_on_25(item: int) -> int:
    if item == 25:  # the first item of a chunk that waited in a worker's pipe
        os.abort()
    return item


def test_a_worker_that_dies_with_a_chunk_waiting_costs_only_its_item() -> None:
    """The parent may be busy (unpickling a summary) while a worker dies: its next chunk is
    then sent to a dead process, and must go to a fresh worker instead of ending the run."""
    results: dict[int, object] = {}
    for index, value in run_each(_abort_on_25, list(range(200)), lambda item, how: ("crashed", item, how), jobs=2):
        if not results:
            time.sleep(0.5)
        results[index] = value
    assert sorted(results) == list(range(200))
    assert [index for index, value in results.items() if isinstance(value, tuple)] == [25]
    assert results[25][2] == "killed by SIGABRT"  # type: ignore[index]
