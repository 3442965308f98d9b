"""``extends:`` a built-in set in a rule of your own: your rule adds to the built-in rule, once.

A mix made only of the built-in sets' values (a plain ``psycopg2.connect`` next to a session)
stays the built-in rule's finding, under its code and label; the extending rule reports the
mixes that need what it added (``app.db.raw_conn()``), and nothing twice.
"""

from __future__ import annotations

from pathlib import Path

from cli_helpers import run_txmix
from rule_template import two_sided_rule


def extending_rule(raw: str, orm: str = "{ ref: sqlalchemy-session }") -> str:
    """ACME010 with the given sides (YAML flow mappings)."""
    return two_sided_rule(raw, orm, "ACME010")


RAW_EXTENDS = "{ extends: psycopg2-connection, label: ACME raw connection, values: [{ call: app.db.raw_conn }] }"
ORM_EXTENDS = "{ extends: sqlalchemy-session, label: ACME unit of work, values: [{ call: app.db.uow }] }"

CODE = """\
import psycopg2
from sqlalchemy.orm import Session

from app.db import raw_conn, uow


def plain(db: Session):
    db.add(object())
    conn = psycopg2.connect("")
    conn.commit()


def via_helper(db: Session):
    db.add(object())
    conn = raw_conn()
    conn.commit()


def both(db: Session):
    db.add(object())
    first = psycopg2.connect("")
    second = raw_conn()
    first.commit()
    second.commit()


def in_unit_of_work():
    with uow() as tx:
        tx.add(object())
        conn = psycopg2.connect("")
        conn.commit()
"""


def check(tmp_path: Path, rules: str, *args: str) -> tuple[int, list[str]]:
    """Run ``txmix check`` on CODE with ``rules`` as the project's rule folder: (exit, finding lines)."""
    (tmp_path / "txmix-rules").mkdir(exist_ok=True)
    (tmp_path / "txmix-rules" / "acme.yaml").write_text(rules)
    (tmp_path / "pyproject.toml").write_text('[tool.txmix]\nextend-rules = ["txmix-rules"]\n')
    (tmp_path / "app").mkdir(exist_ok=True)
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "db.py").write_text("def raw_conn(): ...\n\n\ndef legacy_conn(): ...\n\n\ndef uow(): ...\n")
    (tmp_path / "orders.py").write_text(CODE)
    code, out, err = run_txmix(["check", "--output-format", "concise", "orders.py", *args], tmp_path)
    assert code in (0, 1), err
    return code, out.splitlines()


def at(lines: list[str]) -> list[tuple[int, str]]:
    """(line, code) of each finding."""
    return [(int(line.split(":")[1]), line.split(": ")[1].split(" ")[0]) for line in lines]


def test_a_plain_driver_call_is_reported_once_under_the_builtin_rule(tmp_path: Path) -> None:
    _, lines = check(tmp_path, extending_rule(RAW_EXTENDS))
    plain = [line for line in lines if line.startswith("orders.py:9:")]
    assert len(plain) == 1, lines
    assert plain[0].startswith("orders.py:9:12: TXM001 psycopg2 connection `conn`"), plain


def test_the_extension_adds_the_factory_the_builtin_rule_does_not_know(tmp_path: Path) -> None:
    _, lines = check(tmp_path, extending_rule(RAW_EXTENDS))
    assert at(lines) == [(9, "TXM001"), (15, "ACME010"), (21, "TXM001"), (22, "ACME010")], lines
    assert "orders.py:15:12: ACME010 ACME raw connection `conn` and SQLAlchemy session `db` in `via_helper`" in lines
    assert "orders.py:22:14: ACME010 ACME raw connection `second` and SQLAlchemy session `db` in `both`" in lines


def test_without_the_extension_the_factory_is_unknown(tmp_path: Path) -> None:
    _, lines = check(tmp_path, extending_rule(RAW_EXTENDS), "--isolated")
    assert at(lines) == [(9, "TXM001"), (21, "TXM001")], lines


def test_an_extended_orm_side_adds_the_unit_of_work_and_leaves_the_session_to_the_builtin(tmp_path: Path) -> None:
    _, lines = check(tmp_path, extending_rule("{ ref: psycopg2-connection }", ORM_EXTENDS))
    assert at(lines) == [(9, "TXM001"), (21, "TXM001"), (30, "ACME010")], lines
    assert "orders.py:30:16: ACME010 psycopg2 connection `conn` and ACME unit of work `tx` in `in_unit_of_work`" in lines


def test_a_side_value_the_base_set_knows_keeps_the_base_label(tmp_path: Path) -> None:
    _, lines = check(tmp_path, extending_rule(RAW_EXTENDS, ORM_EXTENDS))
    assert at(lines) == [(9, "TXM001"), (15, "ACME010"), (21, "TXM001"), (22, "ACME010"), (30, "ACME010")], lines
    assert "orders.py:15:12: ACME010 ACME raw connection `conn` and SQLAlchemy session `db` in `via_helper`" in lines
    assert "orders.py:30:16: ACME010 psycopg2 connection `conn` and ACME unit of work `tx` in `in_unit_of_work`" in lines


def test_selecting_only_the_extension_still_leaves_the_builtin_mixes_to_the_builtin(tmp_path: Path) -> None:
    _, lines = check(tmp_path, extending_rule(RAW_EXTENDS), "--select", "ACME010")
    assert at(lines) == [(15, "ACME010"), (22, "ACME010")], lines


def test_a_switched_off_builtin_rule_is_no_base_the_extension_reports_everything(tmp_path: Path) -> None:
    rules = extending_rule(RAW_EXTENDS) + "---\nid: TXM001\noverride: true\nenabled: false\n"
    _, lines = check(tmp_path, rules)
    assert at(lines) == [(9, "ACME010"), (15, "ACME010"), (21, "ACME010")], lines


def test_a_copy_that_extends_nothing_is_a_rule_of_its_own(tmp_path: Path) -> None:
    _, lines = check(tmp_path, extending_rule("{ ref: psycopg2-connection }"))
    assert at(lines) == [(9, "ACME010"), (9, "TXM001"), (21, "ACME010"), (21, "TXM001")], lines


CHAIN = """\
pattern-set: acme-pg
extends: psycopg2-connection
label: ACME pg connection
values: [{ call: app.db.raw_conn }]
---
""" + extending_rule("{ ref: acme-pg }") + "---\n" + extending_rule(
    "{ extends: acme-pg, label: ACME legacy connection, values: [{ call: app.db.legacy_conn }] }"
).replace("ACME010", "ACME011")

LEGACY = """\
from sqlalchemy.orm import Session

from app.db import legacy_conn


def legacy(db: Session):
    db.add(object())
    conn = legacy_conn()
    conn.commit()
"""


def test_each_rule_of_a_chain_of_extensions_reports_what_it_adds(tmp_path: Path) -> None:
    (tmp_path / "legacy.py").write_text(LEGACY)
    _, lines = check(tmp_path, CHAIN, "legacy.py")
    assert at(lines) == [(8, "ACME011"), (9, "TXM001"), (15, "ACME010"), (21, "TXM001"), (22, "ACME010")], lines
    assert "legacy.py:8:12: ACME011 ACME legacy connection `conn` and SQLAlchemy session `db` in `legacy`" in lines


REQUEST = """\
import psycopg2
from sqlalchemy.orm import Session

from app.db import raw_conn


def write_ledger():
    conn = raw_conn()
    conn.commit()


def write_stock():
    conn = psycopg2.connect("")
    conn.commit()


def endpoint(db: Session):
    db.add(object())
    write_stock()
    write_ledger()
"""


def test_an_extension_follows_calls_at_request_scope(tmp_path: Path) -> None:
    (tmp_path / "request.py").write_text(REQUEST)
    _, lines = check(tmp_path, extending_rule(RAW_EXTENDS).replace("scope: function", "scope: request"), "request.py")
    found = [line for line in lines if line.startswith("request.py")]
    assert at(found) == [(19, "TXM001"), (20, "ACME010")], found
    assert found[1].startswith("request.py:20:5: ACME010 ACME raw connection `conn` and SQLAlchemy session `db` in `endpoint`"), found
