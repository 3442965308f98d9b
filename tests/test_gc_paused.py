"""The cyclic collector is paused only while an analysis runs (see ``txmix_hook.gc_paused``)."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from txmix_hook.gc_paused import gc_paused
from txmix_hook.runner import Checker, run_check
from txmix_hook.settings import CommandLine, build_settings


@pytest.fixture
def collector_enabled():
    was = gc.isenabled()
    gc.enable()
    yield
    (gc.enable if was else gc.disable)()


def test_the_collector_is_off_inside_and_back_on_after(collector_enabled: None) -> None:
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_the_caller_switched_off_stays_off(collector_enabled: None) -> None:
    gc.disable()
    with gc_paused():
        pass
    assert not gc.isenabled()


def test_an_error_inside_still_switches_it_back_on(collector_enabled: None) -> None:
    with pytest.raises(ValueError), gc_paused():
        raise ValueError
    assert gc.isenabled()


def test_a_run_pauses_it_and_leaves_it_on(collector_enabled: None, tmp_path: Path) -> None:
    seen: list[bool] = []
    (tmp_path / "a.py").write_text("import psycopg2\n")
    settings = build_settings(CommandLine(isolated=True), cwd=tmp_path)
    run_check([tmp_path / "a.py"], settings, Checker(settings), on_file=lambda _: seen.append(gc.isenabled()))
    assert seen == [False]
    assert gc.isenabled()
