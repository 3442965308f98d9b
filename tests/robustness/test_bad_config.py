"""Bad configuration stops the run with one line naming the file and key, exit 2, no traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.robustness.helpers import assert_no_crash, one_error_line, project_with_mix, txmix


@pytest.mark.parametrize(
    ("pyproject", "expected"),
    [
        ("[tool.txmix]\nx = " + "[" * 5000 + "]" * 5000 + "\n", ("pyproject.toml", "nested too deeply")),
        ('tool = "txmix"\n', ("pyproject.toml", "tool: expected a table")),
        ('[tool.txmix]\nselect = [""]\n', ("pyproject.toml", "select", 'empty rule code ""')),
    ],
    ids=["deeply-nested-toml", "tool-as-a-string", "empty-selector"],
)
def test_a_bad_pyproject_is_one_error_naming_the_file_and_key(tmp_path: Path, pyproject: str, expected: tuple[str, ...]) -> None:
    root = project_with_mix(tmp_path)
    (root / "pyproject.toml").write_text(pyproject)
    code, _, err = txmix(["check", "."], root)
    assert code == 2
    assert_no_crash(err)
    one_error_line(err, *expected)


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
