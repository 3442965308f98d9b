"""``txmix check -`` / ``--stdin-filename PATH``: what editors and formatter pipelines use."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli_helpers import MIX
from txmix_hook.cli import main

STALE = "x = 1  # txmix: ignore[TXM003]\n"


def run_stdin(args: list[str], cwd: Path, text: str | bytes) -> tuple[int, str, str]:
    old = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, args, input=text, catch_exceptions=False)
    finally:
        os.chdir(old)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text('[tool.txmix.per-file-ignores]\n"legacy/**" = ["TXM001"]\n')
    (tmp_path / "app").mkdir()
    return tmp_path


def test_dash_alone_reads_stdin_and_reports_it_as_dash(project: Path) -> None:
    code, out, err = run_stdin(["check", "-"], project, MIX)
    assert code == 1 and out.startswith("-:7:12: TXM001 psycopg2 connection `conn`") and "1 file checked" in err


def test_stdin_filename_names_the_report_and_nothing_is_read_or_written_on_disk(project: Path) -> None:
    code, out, _ = run_stdin(["check", "--stdin-filename", "app/orders.py", "--output-format", "json"], project, MIX)
    assert code == 1 and [(f["filename"], f["location"]["row"]) for f in json.loads(out)] == [("app/orders.py", 7)]
    assert not (project / "app" / "orders.py").exists()


def test_stdin_filename_gets_the_per_file_ignores_of_that_path(project: Path) -> None:
    code, out, _ = run_stdin(["check", "--stdin-filename", "legacy/orders.py", "-"], project, MIX)
    assert code == 0 and out == ""


def test_stdin_filename_uses_the_config_nearest_to_that_path(project: Path) -> None:
    (project / "svc").mkdir()
    (project / "svc" / "pyproject.toml").write_text('[tool.txmix]\nignore = ["TXM001"]\n')
    assert run_stdin(["check", "--stdin-filename", "svc/orders.py", "-"], project, MIX)[0] == 0
    assert run_stdin(["check", "--stdin-filename", "app/orders.py", "-"], project, MIX)[0] == 1


def test_fix_prints_the_fixed_source_on_stdout_and_the_rest_on_stderr(project: Path) -> None:
    code, out, err = run_stdin(["check", "--fix", "--stdin-filename", "app/stale.py", "-"], project, STALE + MIX)
    assert out == "x = 1\n" + MIX  # the safe fix (the stale suppression) applied; the unsafe one not
    assert code == 1 and "app/stale.py:8:12: TXM001" in err and "Fixed 1 finding" in err
    assert not (project / "app" / "stale.py").exists()


def test_unsafe_fixes_from_stdin(project: Path) -> None:
    code, out, err = run_stdin(["check", "--fix", "--unsafe-fixes", "--stdin-filename", "app/orders.py"], project, MIX)
    assert code == 0, err
    assert "    db.flush()\n    conn = db.connection().connection\n" in out and "conn.commit()" not in out


def test_fix_of_clean_source_echoes_it_byte_for_byte(project: Path) -> None:
    source = "# -*- coding: latin-1 -*-\nname = 'caf\xe9'\r\n".encode("latin-1")
    result = CliRunner().invoke(main, ["check", "--isolated", "--fix", "-"], input=source)
    assert result.exit_code == 0 and result.stdout_bytes == source


def test_force_exclude_skips_an_excluded_stdin_filename(project: Path) -> None:
    code, out, err = run_stdin(["check", "--force-exclude", "--extend-exclude", "gen", "--stdin-filename", "gen/orders.py", "-"], project, MIX)
    assert code == 0 and out == "" and "0 files checked" in err
    code, out, _ = run_stdin(["check", "--force-exclude", "--extend-exclude", "gen", "--fix", "--stdin-filename", "gen/orders.py", "-"], project, MIX)
    assert code == 0 and out == MIX


def test_undecodable_stdin_is_one_error_line(project: Path) -> None:
    code, _, err = run_stdin(["check", "--stdin-filename", "app/bad.py", "-"], project, b"x = '\xff'\n")
    assert code == 2 and "app/bad.py:1:6: cannot decode as utf-8" in err


@pytest.mark.parametrize(("args", "message"), [
    (["check", "-", "app"], "`-` (standard input) cannot be combined with other paths"),
    (["check", "--stdin-filename", "x.py", "app"], "--stdin-filename names standard input"),
    (["check", "--add-noqa", "-"], "--add-noqa writes comments into files; it cannot read standard input"),
])
def test_stdin_usage_errors(project: Path, args: list[str], message: str) -> None:
    code, _, err = run_stdin(args, project, MIX)
    assert code == 2 and message in err


def test_stdin_through_the_real_command(project: Path) -> None:
    done = subprocess.run([str(Path(sys.executable).parent / "txmix"), "check", "--stdin-filename", "app/orders.py", "-"],
                          input=MIX, cwd=project, capture_output=True, text=True, check=False)
    assert done.returncode == 1 and done.stdout.startswith("app/orders.py:7:12: TXM001")
