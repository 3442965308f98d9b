"""A large run is spread over worker processes; what it reports must not change."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_helpers import MIX, run_txmix
from txmix_hook.parallel import PARALLEL_THRESHOLD


def test_parallel_and_serial_runs_report_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for i in range(PARALLEL_THRESHOLD + 50):
        body = MIX if i % 7 == 0 else f"VALUE_{i} = {i}\n"
        (tmp_path / f"m{i:03}.py").write_text(body)
    (tmp_path / "broken.py").write_bytes(b"x = '\xff'\n")
    (tmp_path / "stale.py").write_text("x = 1  # txmix: ignore[TXM001]\n")
    monkeypatch.setenv("TXMIX_JOBS", "1")
    serial = run_txmix(["check", "--isolated", "."], tmp_path)
    monkeypatch.setenv("TXMIX_JOBS", "2")
    parallel = run_txmix(["check", "--isolated", "."], tmp_path)
    assert parallel == serial
    code, out, err = parallel
    assert code == 2  # the undecodable file
    assert out.count(": TXM001 psycopg2") == len(range(0, PARALLEL_THRESHOLD + 50, 7)) and " TXM100 " in out
    assert "broken.py:1:6: cannot decode" in err
