"""How work is handed to the workers: every item back once with its index, as each is done,
the costliest first (a large file handed out last would keep one core busy alone)."""

from __future__ import annotations

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
