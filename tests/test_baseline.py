"""Baselines: record today's findings, report only new ones, list the fixed ones."""

from __future__ import annotations

import json
from pathlib import Path

from cli_helpers import MIX, run_txmix

SECOND = MIX.replace("create_order", "refund_order")


def write(tmp_path: Path, body: str) -> None:
    (tmp_path / "app.py").write_text(body)


def test_write_baseline_then_check_reports_nothing(tmp_path: Path) -> None:
    write(tmp_path, MIX)
    code, _, err = run_txmix(["check", "--isolated", "--baseline", "b.json", "--write-baseline", "app.py"], tmp_path)
    assert code == 0 and "Wrote 1 finding to baseline b.json." in err
    data = json.loads((tmp_path / "b.json").read_text())
    assert data["txmix-baseline"] == 1 and data["findings"][0]["code"] == "TXM001"
    assert "row" not in json.dumps(data)  # no line numbers in it
    code, out, err = run_txmix(["check", "--isolated", "--baseline", "b.json", "app.py"], tmp_path)
    assert (code, out) == (0, "")
    assert "1 known in the baseline; 0 fixed since the baseline." in err


def test_baseline_survives_twenty_inserted_lines(tmp_path: Path) -> None:
    write(tmp_path, MIX)
    run_txmix(["check", "--isolated", "--baseline", "b.json", "--write-baseline", "app.py"], tmp_path)
    write(tmp_path, "\n".join(f"X{i} = {i}" for i in range(20)) + "\n" + MIX)
    code, out, _ = run_txmix(["check", "--isolated", "--baseline", "b.json", "app.py"], tmp_path)
    assert (code, out) == (0, "")


def test_only_new_findings_are_reported_and_fixed_ones_are_listed(tmp_path: Path) -> None:
    write(tmp_path, MIX)
    run_txmix(["check", "--isolated", "--baseline", "b.json", "--write-baseline", "app.py"], tmp_path)
    write(tmp_path, SECOND)  # create_order fixed (gone), refund_order new
    code, out, err = run_txmix(["check", "--isolated", "--baseline", "b.json", "app.py"], tmp_path)
    assert code == 1
    assert out.splitlines() == [line for line in out.splitlines() if "refund_order" in line] and len(out.splitlines()) == 1
    assert "fixed: app.py: TXM001 in `create_order`" in err
    assert "0 known in the baseline; 1 fixed since the baseline." in err


def test_a_second_identical_mix_in_the_same_scope_name_is_new(tmp_path: Path) -> None:
    write(tmp_path, MIX)
    run_txmix(["check", "--isolated", "--baseline", "b.json", "--write-baseline", "app.py"], tmp_path)
    write(tmp_path, MIX + "\n\nclass K:\n" + "\n".join("    " + line for line in MIX.splitlines()[4:]) + "\n")
    code, out, _ = run_txmix(["check", "--isolated", "--baseline", "b.json", "app.py"], tmp_path)
    assert code == 1 and "K.create_order" in out


def test_bad_baseline_file_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, MIX)
    (tmp_path / "b.json").write_text("{not json")
    code, _, err = run_txmix(["check", "--isolated", "--baseline", "b.json", "app.py"], tmp_path)
    assert code == 2 and err.startswith("txmix: error: b.json:1:2: invalid JSON")
    code, _, err = run_txmix(["check", "--isolated", "--baseline", "missing.json", "app.py"], tmp_path)
    assert code == 2 and "baseline not found (create it with --write-baseline)" in err


def test_write_baseline_needs_a_baseline_path(tmp_path: Path) -> None:
    write(tmp_path, MIX)
    code, _, err = run_txmix(["check", "--isolated", "--write-baseline", "app.py"], tmp_path)
    assert code == 2 and "--write-baseline needs --baseline FILE" in err
