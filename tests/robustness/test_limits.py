"""Bounded work per file: a file over a limit is one error line naming the limit, the run goes on.

Deep nesting once crashed the parser (exit 139 with no output) or the analysis, losing every
other file's findings.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy

from tests.robustness.helpers import MIX, MIX_FINDING, assert_no_crash, one_error_line, project_with_mix, txmix
from txmix_hook.limits import Limits, over_limit


def _nested_blocks(levels: int) -> str:
    """``if`` blocks indented one space per level, after code that mixes (so the file is parsed)."""
    return MIX + "".join(" " * i + "if x:\n" for i in range(levels)) + " " * levels + "pass\n"


def _assert_skipped_and_others_reported(root: Path, name: str, *expected: str) -> None:
    code, out, err = txmix(["check", "."], root, timeout=120)
    assert code == 2 and MIX_FINDING in out, err
    lines = [line for line in err.splitlines() if line.startswith(f"{name}:")]
    assert len(lines) == 1 and lines[0].endswith("; file skipped"), err
    for part in expected:
        assert part in lines[0], lines[0]
    assert_no_crash(err)


def test_511_nested_blocks_are_refused_before_parsing(tmp_path: Path) -> None:
    root = project_with_mix(tmp_path)
    (root / "deep.py").write_text(_nested_blocks(520))
    _assert_skipped_and_others_reported(root, "deep.py", "deep.py:110:1:", "max-indent-depth = 100")


def test_5000_nested_brackets_are_refused_before_parsing(tmp_path: Path) -> None:
    root = project_with_mix(tmp_path)
    (root / "brackets.py").write_text(MIX + "x = " + "(" * 5000 + "1" + ")" * 5000 + "\n")
    _assert_skipped_and_others_reported(root, "brackets.py", "brackets.py:9:205:", "max-bracket-depth = 200")


def test_500_nested_connect_calls_are_refused_before_parsing(tmp_path: Path) -> None:
    """Took 18 s in the analysis (a parent walk per node); now within the bracket limit's reach."""
    root = project_with_mix(tmp_path)
    (root / "calls.py").write_text(MIX + "x = " + "psycopg2.connect(" * 500 + ")" * 500 + "\n")
    _assert_skipped_and_others_reported(root, "calls.py", "calls.py:9:", "max-bracket-depth = 200")


def test_a_5_mb_line_is_refused(tmp_path: Path) -> None:
    """Took 41 s in the analysis; a line over max-line-bytes is not parsed at all."""
    root = project_with_mix(tmp_path)
    (root / "long.py").write_text(MIX + "    conn = psycopg2.connect('x'); " * 160_000 + "\n")
    _assert_skipped_and_others_reported(root, "long.py", "long.py:9:1:", "max-line-bytes = 1048576")


def test_standard_input_over_a_limit_is_one_error_line(tmp_path: Path) -> None:
    code, out, err = txmix(["check", "--isolated", "--stdin-filename", "deep.py", "-"], tmp_path, stdin=_nested_blocks(520))
    assert code == 2 and out == ""
    assert "deep.py:110:1: blocks nest deeper than the nesting limit (max-indent-depth = 100); file skipped" in err
    assert_no_crash(err)


def test_limits_are_configurable(tmp_path: Path) -> None:
    root = project_with_mix(tmp_path)
    (root / "pyproject.toml").write_text("[tool.txmix]\nmax-file-bytes = 1000\n")
    (root / "big.py").write_text(MIX + "#" * 1000 + "\n")
    _assert_skipped_and_others_reported(root, "big.py", "big.py:1:1:", "max-file-bytes = 1000")


def test_raised_limits_let_deeper_code_through(tmp_path: Path) -> None:
    root = project_with_mix(tmp_path)
    (root / "pyproject.toml").write_text("[tool.txmix]\nmax-indent-depth = 150\nmax-bracket-depth = 300\n")
    (root / "deep.py").write_text(_nested_blocks(120).replace("pass\n", "y = " + "(" * 250 + ")" * 250 + "\n"))
    code, out, err = txmix(["check", "."], root, timeout=120)
    assert code == 1 and MIX_FINDING in out and "deep.py:7:12: TXM001" in out, err
    assert_no_crash(err)


@pytest.mark.parametrize("value", ["0", "-5", "true", '"100"'])
def test_a_bad_limit_value_is_one_config_error(tmp_path: Path, value: str) -> None:
    root = project_with_mix(tmp_path)
    (root / "pyproject.toml").write_text(f"[tool.txmix]\nmax-indent-depth = {value}\n")
    code, _, err = txmix(["check", "."], root)
    assert code == 2
    assert_no_crash(err)
    one_error_line(err, "pyproject.toml", "max-indent-depth: expected a positive integer")


def test_strings_comments_and_continuations_do_not_count_as_nesting() -> None:
    tight = Limits(max_indent_depth=3, max_bracket_depth=3)
    code = (
        'x = "((((((" + \'[[[[[[\' + """\n'
        "        deeply\n"
        '                indented text"""  # {{{{{{\n'
        "if a:\n"
        "    y = [1,\n"
        "                 2]\n"
        "    z = 1 + \\\n"
        "                     2\n"
    )
    assert over_limit(code.encode(), "f.py", tight) is None
    assert over_limit(b"x = ((((1))))\n", "f.py", tight) == (
        "f.py:1:8: brackets nest deeper than the nesting limit (max-bracket-depth = 3); file skipped"
    )
    blocks = b"if a:\n if b:\n  if c:\n   if d:\n    pass\n"
    assert over_limit(blocks, "f.py", tight) == "f.py:5:1: blocks nest deeper than the nesting limit (max-indent-depth = 3); file skipped"
    assert over_limit(blocks.replace(b" ", b"\t"), "f.py", tight) is not None


def test_the_defaults_never_trip_on_real_code() -> None:
    """Every module of SQLAlchemy (a large, real code base) is within the default limits."""
    files = sorted(Path(sqlalchemy.__file__).parent.rglob("*.py"))
    assert len(files) > 200
    assert [problem for f in files if (problem := over_limit(f.read_bytes(), str(f), Limits()))] == []


def test_rule_test_reports_a_test_file_over_a_limit_as_one_failed_case(tmp_path: Path) -> None:
    (tmp_path / "deep_test.py").write_text(_nested_blocks(520))
    (tmp_path / "good_test.py").write_text(MIX.replace("    conn = psycopg2", "    # ruleid: TXM001\n    conn = psycopg2"))
    code, out, err = txmix(["rule", "test", "--isolated", "deep_test.py", "good_test.py"], tmp_path, timeout=120)
    assert code == 1
    assert "FAIL deep_test.py: expected a test file within the limits, got deep_test.py:110:1: blocks nest deeper" in out
    assert "1 passed, 1 failed" in out
    assert_no_crash(err)


def test_old_mac_line_endings_are_lines_too() -> None:
    """A 1.8 MB file ending its lines with a bare "\\r" (Python accepts them) has no long line."""
    assert over_limit(b"x = 1\r" * 300_000, "f.py", Limits()) is None
    assert over_limit(b"x = 1\r" + b"y" * 2000 + b"\r", "f.py", Limits(max_line_bytes=1000)) == (
        "f.py:1:7: a line of 2000 bytes is over the line limit (max-line-bytes = 1000); file skipped"
    )
