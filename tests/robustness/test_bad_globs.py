"""Globs in exclude / per-file-ignores: linear-time matching, invalid ones a one-line config error."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.robustness.helpers import MIX, MIX_FINDING, assert_no_crash, one_error_line, project_with_mix, txmix

BACKTRACKING_GLOB = "*a" * 30 + "b"  # Python's re needed minutes per file name for this


def test_a_backtracking_exclude_glob_against_a_long_name_finishes(tmp_path: Path) -> None:
    root = project_with_mix(tmp_path)
    (root / ("a" * 200 + ".py")).write_text(MIX)
    (root / "pyproject.toml").write_text(f'[tool.txmix]\nextend-exclude = ["{BACKTRACKING_GLOB}"]\n')
    code, out, err = txmix(["check", "."], root, timeout=60)
    assert code == 1 and MIX_FINDING in out and ("a" * 200 + ".py:7:12: TXM001") in out
    assert_no_crash(err)


def test_a_backtracking_per_file_ignores_glob_against_a_deep_path_finishes(tmp_path: Path) -> None:
    root = project_with_mix(tmp_path)
    deep = root.joinpath(*["a"] * 40)
    deep.mkdir(parents=True)
    (deep / "mix.py").write_text(MIX)
    glob = "**/" * 30 + "b/*.py"
    (root / "pyproject.toml").write_text(f'[tool.txmix]\nper-file-ignores = {{"{glob}" = ["TXM001"], "{BACKTRACKING_GLOB}" = ["TXM"]}}\n')
    code, out, err = txmix(["check", "."], root, timeout=60)
    assert code == 1 and MIX_FINDING in out and "/a/mix.py:7:12: TXM001" in out
    assert_no_crash(err)


@pytest.mark.parametrize("key", ["exclude", "extend-exclude"])
def test_an_invalid_glob_is_one_config_error_naming_file_and_key(tmp_path: Path, key: str) -> None:
    root = project_with_mix(tmp_path)
    (root / "pyproject.toml").write_text(f'[tool.txmix]\n{key} = ["[z-a]"]\n')
    code, out, err = txmix(["check", "."], root)
    assert code == 2 and out == ""
    assert_no_crash(err)
    one_error_line(err, "pyproject.toml", f"] {key}: invalid glob '[z-a]'")


def test_an_invalid_per_file_ignores_glob_names_its_key(tmp_path: Path) -> None:
    root = project_with_mix(tmp_path)
    (root / "pyproject.toml").write_text('[tool.txmix]\nper-file-ignores = {"[z-a].py" = ["TXM001"]}\n')
    code, _, err = txmix(["check", "."], root)
    assert code == 2
    assert_no_crash(err)
    one_error_line(err, 'per-file-ignores."[z-a].py": invalid glob')


def test_an_invalid_glob_on_the_command_line_names_the_option(tmp_path: Path) -> None:
    code, _, err = txmix(["check", "--isolated", "--extend-exclude", "[z-a]", "."], project_with_mix(tmp_path))
    assert code == 2
    assert_no_crash(err)
    one_error_line(err, "--extend-exclude: invalid glob '[z-a]'")


def test_a_posix_class_glob_works_without_a_future_warning(tmp_path: Path) -> None:
    root = project_with_mix(tmp_path)
    (root / "pyproject.toml").write_text('[tool.txmix]\nper-file-ignores = {"[[:alpha:]]ood.py" = ["TXM001"]}\n')
    code, out, err = txmix(["check", "."], root)
    assert code == 0 and out == ""
    assert_no_crash(err)
