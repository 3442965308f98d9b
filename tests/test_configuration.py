"""[tool.txmix] in pyproject.toml: discovery, every key, precedence and error messages."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from cli_helpers import MIX, run_txmix
from txmix_hook.selection import RuleSelection, resolve

CODES = ["TXM001", "TXM002", "TXM003", "TXM004", "TXM005", "TXM006", "TXM100"]


def project(tmp_path: Path, config: str, files: dict[str, str] | None = None) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'demo'\n\n[tool.txmix]\n" + config)
    for name, body in (files or {"app/orders.py": MIX}).items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body)
    return tmp_path


# ---- rule selection: ruff's semantics --------------------------------------------------------

def test_ignore_wins_over_select_at_equal_specificity() -> None:
    assert resolve(CODES, [RuleSelection(select=("TXM001",), ignore=("TXM001",))]) == set()


def test_the_more_specific_selector_wins() -> None:
    assert resolve(CODES, [RuleSelection(select=("TXM",), ignore=("TXM00",))]) == {"TXM100"}
    assert resolve(CODES, [RuleSelection(select=("TXM001",), ignore=("TXM",))]) == {"TXM001"}


def test_cli_select_replaces_the_configured_selection_but_extend_select_adds() -> None:
    config = RuleSelection(select=("TXM001",), ignore=("TXM002",))
    assert resolve(CODES, [config, RuleSelection(select=("TXM002",))]) == {"TXM002"}
    assert resolve(CODES, [config, RuleSelection(extend_select=("TXM003",))]) == {"TXM001", "TXM003"}


def test_cli_ignore_applies_on_top_of_configured_select() -> None:
    assert resolve(CODES, [RuleSelection(select=("TXM00",)), RuleSelection(ignore=("TXM001",))]) == {"TXM002", "TXM003", "TXM004", "TXM005", "TXM006"}


def test_all_selects_everything() -> None:
    assert resolve(CODES, [RuleSelection(select=("ALL",), ignore=("TXM1",))]) == set(CODES) - {"TXM100"}


# ---- the pyproject table ---------------------------------------------------------------------

def test_config_is_found_upward_from_the_current_directory(tmp_path: Path) -> None:
    root = project(tmp_path, 'ignore = ["TXM001"]\n')
    assert run_txmix(["check", "orders.py"], root / "app")[0] == 0
    assert run_txmix(["check", "--isolated", "orders.py"], root / "app")[0] == 1


def test_config_option_names_a_file(tmp_path: Path) -> None:
    root = project(tmp_path, 'select = ["TXM001"]\n')
    (root / "strict.toml").write_text('[tool.txmix]\nignore = ["TXM001"]\n')
    assert run_txmix(["check", "app"], root)[0] == 1
    assert run_txmix(["check", "--config", "strict.toml", "app"], root)[0] == 0


def test_cli_select_overrides_config_ignore(tmp_path: Path) -> None:
    root = project(tmp_path, 'ignore = ["TXM001"]\n')
    assert run_txmix(["check", "app"], root)[0] == 0
    assert run_txmix(["check", "--select", "TXM001", "app"], root)[0] == 1


def test_per_file_ignores_with_globs(tmp_path: Path) -> None:
    files = {"app/orders.py": MIX, "scripts/migrate_2021.py": MIX, "tests/test_x.py": MIX}
    root = project(tmp_path, '[tool.txmix.per-file-ignores]\n"scripts/migrate_*.py" = ["TXM001"]\n"**/test_*.py" = ["TXM"]\n', files)
    code, out, _ = run_txmix(["check", "."], root)
    assert code == 1
    assert [line.split(":")[0] for line in out.splitlines()] == ["app/orders.py"]


def test_exclude_and_extend_exclude(tmp_path: Path) -> None:
    files = {"app/orders.py": MIX, "legacy/old.py": MIX, "build/gen.py": MIX}
    root = project(tmp_path, 'extend-exclude = ["legacy"]\n', files)
    _, out, _ = run_txmix(["check", "."], root)
    assert [line.split(":")[0] for line in out.splitlines()] == ["app/orders.py"]
    root2 = project(tmp_path / "b", 'exclude = ["legacy"]\n', files)  # replaces the defaults: build/ is back
    _, out, _ = run_txmix(["check", "."], root2)
    assert sorted(line.split(":")[0] for line in out.splitlines()) == ["app/orders.py", "build/gen.py"]


def test_respect_gitignore_skips_ignored_files_but_not_named_ones(tmp_path: Path) -> None:
    files = {"app/orders.py": MIX, "generated/out.py": MIX}
    root = project(tmp_path, "", files)
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    (root / ".gitignore").write_text("generated/\n")
    _, out, _ = run_txmix(["check", "."], root)
    assert [line.split(":")[0] for line in out.splitlines()] == ["app/orders.py"]
    _, out, _ = run_txmix(["check", "generated/out.py"], root)
    assert out.startswith("generated/out.py:7:12")
    _, out, _ = run_txmix(["check", "--no-respect-gitignore", "."], root)
    assert len(out.splitlines()) == 2
    root2 = project(tmp_path / "b", "respect-gitignore = false\n", files)
    subprocess.run(["git", "init", "-q"], cwd=root2, check=True)
    (root2 / ".gitignore").write_text("generated/\n")
    assert len(run_txmix(["check", "."], root2)[1].splitlines()) == 2


def test_force_exclude_applies_excludes_to_named_files(tmp_path: Path) -> None:
    root = project(tmp_path, 'extend-exclude = ["app/orders.py"]\n')
    assert run_txmix(["check", "app/orders.py"], root)[0] == 1
    assert run_txmix(["check", "--force-exclude", "app/orders.py"], root)[0] == 0


def test_session_and_raw_connection_factories(tmp_path: Path) -> None:
    code = (
        "from app.db import get_session\n"
        "from .db import raw_conn\n\n\n"
        "def settle():\n"
        "    db = get_session()\n"
        "    db.add(1)\n"
        "    conn = raw_conn()\n"
    )
    files = {"app/__init__.py": "", "app/settle.py": code}
    root = project(tmp_path, 'session-factories = ["app.db.get_session"]\nraw-connection-factories = ["app.db.raw_conn"]\n', files)
    code_, out, _ = run_txmix(["check", "app"], root)
    assert code_ == 1
    assert out.startswith("app/settle.py:8:12: TXM006 raw connection `conn` comes from a raw-connection factory")
    assert run_txmix(["check", "--isolated", "app"], root)[0] == 0


def test_extend_rules_folder_from_config(tmp_path: Path) -> None:
    root = project(tmp_path, 'extend-rules = ["txmix-rules"]\n')
    (root / "txmix-rules").mkdir()
    (root / "txmix-rules" / "bad.yaml").write_text("id: X1\n")
    code, _, err = run_txmix(["check", "app"], root)
    assert code == 2 and "txmix-rules/bad.yaml:1:1: missing required key" in err


@pytest.mark.parametrize(("config", "message"), [
    ('select = ["TXM999"]\n', 'txmix: error: pyproject.toml: [tool.txmix] select: unknown rule code "TXM999"'),
    ('ignore = "TXM001"\n', "txmix: error: pyproject.toml: [tool.txmix] ignore: expected a list of strings, got a string"),
    ("colour = 1\n", "txmix: error: pyproject.toml: [tool.txmix] colour: unknown key (known: select, extend-select"),
    ("respect-gitignore = 1\n", "txmix: error: pyproject.toml: [tool.txmix] respect-gitignore: expected true or false, got an integer"),
    ('[tool.txmix.per-file-ignores]\n"a.py" = ["NOPE1"]\n', 'txmix: error: pyproject.toml: [tool.txmix] per-file-ignores."a.py": unknown rule code "NOPE1"'),
    ('session-factories = ["get_session"]\n', 'txmix: error: pyproject.toml: [tool.txmix] session-factories: "get_session" is not a dotted import path'),
])
def test_bad_config_values_exit_2_with_one_line(tmp_path: Path, config: str, message: str) -> None:
    root = project(tmp_path, config)
    code, _, err = run_txmix(["check", "app"], root)
    assert code == 2
    assert err.startswith(message) and err.count("\n") == 1


def test_malformed_toml_names_the_line(tmp_path: Path) -> None:
    root = project(tmp_path, 'select = ["TXM001"\nignore = []\n')
    code, _, err = run_txmix(["check", "app"], root)
    assert code == 2
    assert err == "txmix: error: pyproject.toml:5:19: invalid TOML: Unclosed array\n"  # the open `[`'s line, not the next
