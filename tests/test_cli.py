"""The ``txmix`` command as a user runs it: exit codes, output formats, bad input."""

from __future__ import annotations

import json
import re
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
    assert item["fix"]["message"].startswith("run this SQL on the session's own connection: `db.connection().connection` in place of `conn`")
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
    (project / "a-file").write_text("")
    code, _, err = run(["check", "--output-file", "a-file/report.json", "app"], project)
    assert code == 2 and err.strip().endswith("txmix: error: a-file/report.json: cannot create its folder: File exists")


def test_output_file_creates_missing_parent_folders(project: Path) -> None:
    code, out, _ = run(["check", "--output-format", "json", "--output-file", "reports/ci/txmix.json", "app"], project)
    assert code == 1 and out == ""
    assert json.loads((project / "reports" / "ci" / "txmix.json").read_text())[0]["code"] == "TXM001"


def test_rule_new_output_creates_missing_parent_folders(tmp_path: Path) -> None:
    code, _, err = run(["rule", "new", "ACME042", "--output", "txmix-rules/new/acme042.yaml"], tmp_path)
    assert code == 0, err
    assert (tmp_path / "txmix-rules" / "new" / "acme042.yaml").read_text().startswith("# A txmix rule")


TXMIX = str(Path(sys.executable).parent / "txmix")


@pytest.mark.parametrize("args", [["rule", "list"], ["check", "--isolated", "app"], ["rule", "explain", "TXM001"]])
def test_a_closed_pipe_ends_quietly(project: Path, args: list[str]) -> None:
    """`txmix ... | head`: the reader is gone before txmix writes; no traceback, no internal error."""
    for i in range(200):
        (project / "app" / f"mix{i}.py").write_text(MIX)
    process = subprocess.Popen([TXMIX, *args], cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # as `head` does once it has its lines
    err = process.stderr.read().decode()
    assert process.wait(timeout=120) == 1
    assert "Error" not in err and "error" not in err.replace("Found", ""), err


def test_add_noqa_with_diff_is_refused(project: Path) -> None:
    code, _, err = run(["check", "--add-noqa", "--diff", "app"], project)
    assert code == 2 and "--add-noqa writes comments into files; it cannot be combined with --diff" in err
    assert "txmix: ignore" not in (project / "app" / "orders.py").read_text()


def test_rule_test_on_a_folder_without_rules_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "notes.txt").write_text("nothing here\n")
    code, out, err = run(["rule", "test", "rules"], tmp_path)
    assert code == 2 and "no rules found in rules" in err and "passed" not in out


def test_toml_error_at_end_of_document_names_the_last_line(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.txmix]\nselect = ["TXM001"]\nignore = "TXM')
    code, _, err = run(["check", "."], tmp_path)
    assert code == 2 and err.startswith("txmix: error: pyproject.toml:3:14: invalid TOML: Unterminated string"), err


def test_config_errors_name_the_config_relative_to_the_current_directory(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.txmix]\nselect = "TXM001"\n')
    (tmp_path / "sub").mkdir()
    code, _, err = run(["check", "."], tmp_path / "sub")
    assert code == 2 and err.startswith("txmix: error: ../pyproject.toml: [tool.txmix] select: expected a list"), err
    (tmp_path / "pyproject.toml").write_text('[tool.txmix]\nselect = [\n')
    code, _, err = run(["check", "."], tmp_path / "sub")
    assert code == 2 and err.startswith("txmix: error: ../pyproject.toml:2:11: invalid TOML"), err


NAMELESS = """\
import psycopg2
from sqlalchemy.orm import Session


def create_order(db: Session, order):
    db.add(order)
    psycopg2.connect("dbname=shop").cursor().execute("UPDATE stock SET n = n - 1")
"""


def test_suggestion_reads_well_when_the_raw_side_is_a_call_with_no_name(tmp_path: Path) -> None:
    (tmp_path / "orders.py").write_text(NAMELESS)
    _, out, _ = run(["check", "--isolated", "--output-format", "json", "orders.py"], tmp_path)
    (finding,) = json.loads(out)
    suggestion = finding["fix"]["message"]
    assert "`db.connection().connection` in place of `psycopg2.connect(...)`" in suggestion, suggestion
    assert "(...) =" not in suggestion and "(...).commit" not in suggestion, suggestion


def test_no_builtin_suggestion_uses_the_raw_side_as_a_variable() -> None:
    """`{raw}` may be a call (`psycopg2.connect(...)`): `{raw} = ...` or `{raw}.commit()` would read as nonsense."""
    from txmix_hook.rules.loader import load_rulebook

    for rule in load_rulebook().rules.values():
        texts = [rule.message, *([rule.fix.message] if rule.fix is not None else [])]
        for text in texts:
            assert not re.search(r"\{raw\}( =|\.|`'s)", text), (rule.id, text)


def test_a_rule_error_from_a_configured_folder_names_the_file_relative_to_the_current_directory(tmp_path: Path) -> None:
    (tmp_path / "txmix-rules").mkdir()
    (tmp_path / "txmix-rules" / "bad.yaml").write_text("id: X1\n")
    (tmp_path / "pyproject.toml").write_text('[tool.txmix]\nextend-rules = ["txmix-rules"]\n')
    (tmp_path / "sub").mkdir()
    code, _, err = run(["check", "."], tmp_path / "sub")
    assert code == 2 and err.startswith("txmix: error: ../txmix-rules/bad.yaml:1:1: missing required key"), err
