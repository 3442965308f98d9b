"""The ``txmix`` command as a user runs it: exit codes, output formats, bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cli_helpers import MIX, run_txmix

CLEAN = """\
from sqlalchemy.orm import Session


def create_order(db: Session, order):
    db.add(order)
    db.commit()
"""


run = run_txmix


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "orders.py").write_text(MIX)
    (tmp_path / "app" / "clean.py").write_text(CLEAN)
    return tmp_path


def test_finding_is_printed_concise_with_exit_1(project: Path) -> None:
    code, out, err = run(["check", "app"], project)
    assert code == 1
    assert out.startswith("app/orders.py:7:12: TXM001 psycopg2 connection `conn` runs in its own transaction")
    assert "SQLAlchemy session `db` (line 6)" in out and "`create_order`" in out
    assert "Found 1 finding in 1 file (2 files checked)." in err


def test_clean_tree_exits_0(project: Path) -> None:
    code, out, err = run(["check", "app/clean.py"], project)
    assert (code, out) == (0, "")
    assert "All checks passed! (1 file checked)" in err


def test_default_path_is_current_directory(project: Path) -> None:
    code, out, _ = run(["check"], project)
    assert code == 1 and "app/orders.py:7:12" in out


def test_json_output_is_the_documented_shape(project: Path) -> None:
    code, out, _ = run(["check", "--output-format", "json", "app"], project)
    assert code == 1
    (item,) = json.loads(out)
    assert set(item) == {"code", "message", "severity", "filename", "location", "end_location", "scope", "related", "fix"}
    assert item["code"] == "TXM001" and item["severity"] == "error" and item["filename"] == "app/orders.py"
    assert item["location"] == {"row": 7, "column": 12}
    assert item["end_location"] == {"row": 7, "column": 43}
    assert item["scope"] == {"name": "create_order", "kind": "function"}
    assert item["related"] == [{
        "filename": "app/orders.py",
        "location": {"row": 6, "column": 5},
        "end_location": {"row": 6, "column": 18},
        "message": "SQLAlchemy session `db` used here",
    }]
    assert item["fix"]["applicability"] == "unsafe"
    assert item["fix"]["message"].startswith("run this SQL on the session's own connection: `conn = db.connection().connection`")
    assert {"content": "    db.flush()\n", "location": {"row": 7, "column": 1}, "end_location": {"row": 7, "column": 1}} in item["fix"]["edits"]


@pytest.mark.parametrize("skipped", [".git", "venv", ".venv", "__pycache__", "build", "dist", "node_modules", "pkg.egg-info"])
def test_directory_walk_skips_tool_and_build_dirs(project: Path, skipped: str) -> None:
    (project / skipped).mkdir()
    (project / skipped / "mix.py").write_text(MIX)
    code, out, _ = run(["check", "."], project)
    assert skipped not in out and out.count("TXM001") == 1


def test_directory_walk_skips_a_virtualenv_by_its_marker(project: Path) -> None:
    env = project / "myenv"
    env.mkdir()
    (env / "pyvenv.cfg").write_text("home = /usr\n")
    (env / "mix.py").write_text(MIX)
    _, out, _ = run(["check", "."], project)
    assert "myenv" not in out


def test_explicit_file_is_checked_even_inside_a_skipped_dir(project: Path) -> None:
    (project / "build").mkdir()
    (project / "build" / "mix.py").write_text(MIX)
    code, out, _ = run(["check", "build/mix.py"], project)
    assert code == 1 and "build/mix.py:7:12" in out


def test_syntax_error_warns_and_still_analyses_what_parses(project: Path) -> None:
    (project / "app" / "broken.py").write_text(MIX + "\ndef oops(:\n    pass\n")
    code, out, err = run(["check", "app/broken.py"], project)
    assert code == 1
    assert "app/broken.py:7:12: TXM001" in out
    assert "app/broken.py:10:" in err and "warning: syntax error" in err


def test_undecodable_file_is_one_error_line_and_the_run_goes_on(project: Path) -> None:
    (project / "app" / "bad.py").write_bytes(b"import psycopg2\nx = '\xff\xfe'\n")
    code, out, err = run(["check", "app"], project)
    assert code == 2
    assert "app/orders.py:7:12: TXM001" in out  # every other file still reported
    assert "app/bad.py:2:6: cannot decode as utf-8 (byte 0xff)" in err
    assert "Traceback" not in err


def test_binary_file_named_explicitly_is_an_error(project: Path) -> None:
    (project / "blob.py").write_bytes(b"\x00\x01\x02psycopg2")
    code, _, err = run(["check", "blob.py"], project)
    assert code == 2 and "blob.py:1:1: binary file" in err


def test_missing_path_is_an_error(project: Path) -> None:
    code, _, err = run(["check", "nope.py"], project)
    assert code == 2 and "nope.py:1:1: cannot read file" in err


def test_latin1_file_with_coding_declaration_reports_character_columns(project: Path) -> None:
    body = "# -*- coding: latin-1 -*-\n" + MIX.replace('conn = psycopg2', 'é = "ü"; conn = psycopg2')
    (project / "latin.py").write_bytes(body.encode("latin-1"))
    code, out, _ = run(["check", "latin.py"], project)
    assert code == 1
    assert out.startswith("latin.py:8:21: TXM001")


def test_unknown_select_code_is_a_usage_error(project: Path) -> None:
    code, _, err = run(["check", "--select", "TXM999", "app"], project)
    assert code == 2 and 'txmix: error: --select: unknown rule code "TXM999"' in err


def test_select_and_ignore_filter_rules(project: Path) -> None:
    assert run(["check", "--select", "TXM003", "app"], project)[0] == 0
    assert run(["check", "--ignore", "TXM001", "app"], project)[0] == 0
    assert run(["check", "--select", "TXM", "app"], project)[0] == 1


def test_malformed_extra_rule_exits_2_with_position(project: Path) -> None:
    rules = project / "myrules"
    rules.mkdir()
    (rules / "x.yaml").write_text("id: ACME1\nname: x\nseverity: fatal\n")
    code, _, err = run(["check", "--extend-rules", "myrules", "app"], project)
    assert code == 2
    assert "myrules/x.yaml:3:11: severity: 'fatal' is not one of: error, warning, info" in err


def test_rule_list_shows_every_builtin_rule(project: Path) -> None:
    code, out, _ = run(["rule", "list"], project)
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == ["TXM001", "TXM002", "TXM003", "TXM004", "TXM005", "TXM006", "TXM100"]


def test_version_and_console_script(project: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "txmix_hook", "--version"], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and done.stdout.startswith("txmix ")


def test_exit_zero_keeps_findings_but_exits_0(project: Path) -> None:
    code, out, _ = run(["check", "--exit-zero", "app"], project)
    assert code == 0 and "TXM001" in out


def test_undecodable_first_line_and_unknown_declared_encoding(project: Path) -> None:
    (project / "first.py").write_bytes(b"x = '\xff'\n")
    (project / "bogus.py").write_bytes(b"# -*- coding: klingon -*-\nx = 1\n")
    code, _, err = run(["check", "first.py", "bogus.py"], project)
    assert code == 2
    assert "first.py:1:6: cannot decode as utf-8 (byte 0xff)" in err
    assert "bogus.py:1:1: unknown encoding 'klingon' declared (PEP 263)" in err


def test_a_very_long_binding_chain_is_not_fatal(project: Path) -> None:
    lines = ["import psycopg2", "from sqlalchemy.orm import Session", "def f(db: Session):", "    db.add(1)", '    c0 = psycopg2.connect("")']
    lines += [f"    c{i} = c{i - 1}" for i in range(1, 3000)] + ["    c2999.cursor()"]
    (project / "chain.py").write_text("\n".join(lines) + "\n")
    code, out, err = run(["check", "chain.py", "app/orders.py"], project)
    assert code == 1 and "chain.py:5:10: TXM001" in out and "app/orders.py:7:12: TXM001" in out
    assert "Traceback" not in err


def test_unwritable_output_file_is_one_clear_error(project: Path) -> None:
    code, _, err = run(["check", "--output-file", "missing-dir/report.json", "app"], project)
    assert code == 2 and err.strip().endswith("txmix: error: missing-dir/report.json: cannot write: No such file or directory")
