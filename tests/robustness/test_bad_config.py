"""Bad configuration stops the run with one line naming the file and key, exit 2, no traceback."""

from __future__ import annotations

import json
from pathlib import Path

from tests.robustness.helpers import assert_no_crash, one_error_line, project_with_mix, txmix


def test_deeply_nested_toml_is_one_error_naming_pyproject(tmp_path: Path) -> None:
    root = project_with_mix(tmp_path)
    (root / "pyproject.toml").write_text("[tool.txmix]\nx = " + "[" * 5000 + "]" * 5000 + "\n")
    code, _, err = txmix(["check", "."], root)
    assert code == 2
    assert_no_crash(err)
    one_error_line(err, "pyproject.toml", "nested too deeply")


def test_tool_as_a_string_is_one_error_naming_the_key(tmp_path: Path) -> None:
    root = project_with_mix(tmp_path)
    (root / "pyproject.toml").write_text('tool = "txmix"\n')
    code, _, err = txmix(["check", "."], root)
    assert code == 2
    assert_no_crash(err)
    one_error_line(err, "pyproject.toml", "tool: expected a table")


def test_an_empty_selector_is_an_error_not_every_rule(tmp_path: Path) -> None:
    root = project_with_mix(tmp_path)
    (root / "pyproject.toml").write_text('[tool.txmix]\nselect = [""]\n')
    code, _, err = txmix(["check", "."], root)
    assert code == 2
    assert_no_crash(err)
    one_error_line(err, "pyproject.toml", "select", 'empty rule code ""')


def test_deeply_nested_baseline_json_is_one_error_naming_the_file(tmp_path: Path) -> None:
    root = project_with_mix(tmp_path)
    (root / "base.json").write_text('{"txmix-baseline": 1, "findings": ' + "[" * 100_000 + "]" * 100_000 + "}")
    code, _, err = txmix(["check", "--isolated", "--baseline", "base.json", "good.py"], root)
    assert code == 2
    assert_no_crash(err)
    one_error_line(err, "base.json", "nested too deeply")


def test_a_well_formed_baseline_still_loads(tmp_path: Path) -> None:  # the guard above must not refuse real ones
    root = project_with_mix(tmp_path)
    (root / "base.json").write_text(json.dumps({"txmix-baseline": 1, "findings": []}))
    code, out, err = txmix(["check", "--isolated", "--baseline", "base.json", "good.py"], root)
    assert code == 1 and "good.py:7:12: TXM001" in out
    assert_no_crash(err)
