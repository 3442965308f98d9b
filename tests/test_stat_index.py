"""The stat index finds a file's summary record without reading the file, and never one that
is stale (``txmix_hook.stat_index``)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from txmix_hook import stat_index
from txmix_hook.cache import Cache
from txmix_hook.stat_index import StatIndex, status_of
from txmix_hook.summary.build import summarise
from txmix_hook.summary.record import SummaryRecord

AN_HOUR_AGO = 3600 * 10**9


def record_for(data: bytes, key: bytes) -> SummaryRecord:
    record = SummaryRecord.of(summarise(data, "app.orders", False, ()))
    record.key = key
    return record


def settled(path: Path, data: bytes) -> None:
    """Write ``data`` with a modification time an hour back (its change time is still now)."""
    path.write_bytes(data)
    back = path.stat().st_mtime_ns - AN_HOUR_AGO
    os.utime(path, ns=(back, back))


def test_an_unchanged_file_is_found_by_its_status_and_its_summary_fetched_on_use(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stat_index, "RECENT_NS", 0)  # the change time cannot be set back
    cache = Cache(tmp_path / "cache")
    path = tmp_path / "orders.py"
    settled(path, b"def place():\n    pass\n")
    index = StatIndex(cache, b"rules")
    index.remember(str(path), status_of(str(path)), record_for(path.read_bytes(), b"k" * 32), time.time_ns())
    index.save()
    fetched: list[bool] = []
    full = record_for(path.read_bytes(), b"k" * 32)
    header = StatIndex(cache, b"rules").header(str(path), status_of(str(path)), "app.orders")
    assert header is not None and header.key == b"k" * 32 and "place" in header.callables
    found = header.fetched_by(lambda: fetched.append(True) or full)
    assert not fetched
    assert found.summary.scopes[1].name == "place" and fetched == [True]
    assert StatIndex(cache, b"other rules").header(str(path), status_of(str(path)), "app.orders") is None
    assert StatIndex(cache, b"rules").header(str(path), status_of(str(path)), "orders") is None, "module renamed"


def test_an_edit_that_keeps_size_and_modification_time_is_seen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stat_index, "RECENT_NS", 0)
    cache = Cache(tmp_path / "cache")
    path = tmp_path / "orders.py"
    settled(path, b"x = 1\n")
    index = StatIndex(cache, b"rules")
    index.remember(str(path), status_of(str(path)), record_for(b"x = 1\n", b"k" * 32), time.time_ns())
    before = path.stat()
    path.write_bytes(b"y = 2\n")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert index.header(str(path), status_of(str(path)), "app.orders") is None


def test_a_file_written_just_now_is_not_remembered(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    path = tmp_path / "orders.py"
    path.write_bytes(b"x = 1\n")
    index = StatIndex(cache, b"rules")
    status = status_of(str(path))
    index.remember(str(path), status, record_for(b"x = 1\n", b"k" * 32), time.time_ns())
    assert index.header(str(path), status, "app.orders") is None
    # What counts is when the status was taken, not when the run ends: seconds later it is settled.
    index.remember(str(path), status, record_for(b"x = 1\n", b"k" * 32), time.time_ns() + 10 * 10**9)
    assert index.header(str(path), status, "app.orders") is not None


def test_an_index_saved_after_a_run_loaded_a_summary_holds_headers_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A run attaches the fetch to the index's own header (no copy per file); once phase 2
    has loaded that summary, the index saved afterwards must still hold the header alone."""
    monkeypatch.setattr(stat_index, "RECENT_NS", 0)
    cache = Cache(tmp_path / "cache")
    path, other = tmp_path / "orders.py", tmp_path / "other.py"
    settled(path, b"def place():\n    pass\n")
    settled(other, b"x = 1\n")
    index = StatIndex(cache, b"rules")
    index.remember(str(path), status_of(str(path)), record_for(path.read_bytes(), b"k" * 32), time.time_ns())
    index.save()
    index = StatIndex(cache, b"rules")
    header = index.header(str(path), status_of(str(path)), "app.orders")
    full = record_for(path.read_bytes(), b"k" * 32)
    assert header is not None and header.fetched_by(lambda: full).summary.scopes[1].name == "place"
    index.remember(str(other), status_of(str(other)), record_for(b"x = 1\n", b"j" * 32), time.time_ns())
    index.save()
    saved = StatIndex(cache, b"rules").entries[str(path)][1]
    assert saved.bare and saved.key == b"k" * 32 and "place" in saved.callables


def test_saving_drops_deleted_files_and_looks_only_at_files_the_run_did_not_find(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A pre-commit run saves the index every time (its files changed): a file whose status
    the run took is known to exist, so only the others are looked up, and a deleted one goes."""
    monkeypatch.setattr(stat_index, "RECENT_NS", 0)
    cache = Cache(tmp_path / "cache")
    kept, gone, unseen = tmp_path / "kept.py", tmp_path / "gone.py", tmp_path / "unseen.py"
    index = StatIndex(cache, b"rules")
    for number, path in enumerate((kept, gone, unseen)):
        settled(path, b"x = 1\n")
        index.remember(str(path), status_of(str(path)), record_for(b"x = 1\n", bytes([number]) * 32), time.time_ns())
    index.save()
    gone.unlink()
    index = StatIndex(cache, b"rules")
    assert index.header(str(kept), status_of(str(kept)), "app.orders") is not None  # found by this run
    settled(tmp_path / "new.py", b"y = 2\n")
    index.remember(str(tmp_path / "new.py"), status_of(str(tmp_path / "new.py")), record_for(b"y = 2\n", b"n" * 32), time.time_ns())
    looked_up: list[str] = []
    exists = os.path.exists
    monkeypatch.setattr(stat_index.os.path, "exists", lambda path: looked_up.append(path) or exists(path))
    index.save()
    assert sorted(looked_up) == sorted([str(gone), str(unseen), str(tmp_path / "new.py")])
    assert sorted(StatIndex(cache, b"rules").entries) == sorted([str(kept), str(unseen), str(tmp_path / "new.py")])
