"""``add-to-set:``: a team adds its own factories to a built-in rule without copying the rule."""

from __future__ import annotations

from pathlib import Path

from cli_helpers import run_txmix

ADDITION = """\
add-to-set: psycopg2-connection
values:
  - call: acme.db.pg              # returns a psycopg2 connection
"""

CODE = """\
import psycopg2
from acme.db import pg
from sqlalchemy.orm import Session


def via_helper(db: Session):
    db.add(object())
    conn = pg()
    conn.commit()


def plain(db: Session):
    db.add(object())
    conn = psycopg2.connect("")
    conn.commit()
"""


def project(tmp_path: Path, rules: str) -> Path:
    (tmp_path / "txmix-rules").mkdir()
    (tmp_path / "txmix-rules" / "acme.yaml").write_text(rules)
    (tmp_path / "pyproject.toml").write_text('[tool.txmix]\nextend-rules = ["txmix-rules"]\n')
    (tmp_path / "orders.py").write_text(CODE)
    return tmp_path


def test_the_builtin_rule_finds_the_added_factory_once_under_its_own_label(tmp_path: Path) -> None:
    code, out, _ = run_txmix(["check", "orders.py"], project(tmp_path, ADDITION))
    lines = out.splitlines()
    assert code == 1 and len(lines) == 2, out
    assert lines[0].startswith("orders.py:8:12: TXM001 psycopg2 connection `conn` runs in its own transaction")
    assert lines[1].startswith("orders.py:14:12: TXM001 psycopg2 connection `conn`")


def test_without_the_addition_the_helper_is_unknown(tmp_path: Path) -> None:
    code, out, _ = run_txmix(["check", "--isolated", "orders.py"], project(tmp_path, ADDITION))
    assert code == 1 and [line.split(":")[1] for line in out.splitlines()] == ["14"]


def test_adding_to_an_unknown_set_is_an_error_naming_the_file(tmp_path: Path) -> None:
    code, _, err = run_txmix(["check", "orders.py"], project(tmp_path, ADDITION.replace("psycopg2-connection", "psycopg9-connection")))
    assert code == 2 and err.startswith("txmix: error: txmix-rules/acme.yaml:1:13: add-to-set: unknown pattern set 'psycopg9-connection'"), err


def test_an_addition_takes_only_values_queries_and_keywords(tmp_path: Path) -> None:
    code, _, err = run_txmix(["check", "orders.py"], project(tmp_path, ADDITION + "label: mine\n"))
    assert code == 2 and "txmix-rules/acme.yaml" in err and "label" in err, err
