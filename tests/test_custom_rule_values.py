"""YAML values of custom rules: a ``call:`` reached through a relative import, a ``name:``."""

from __future__ import annotations

import textwrap
from pathlib import Path

from cli_helpers import run_txmix
from rule_template import two_sided_rule
from txmix_hook.analysis import Analysis
from txmix_hook.rules.loader import load_rulebook
from txmix_hook.source import decode_source


def rule_with_raw_values(values: str) -> str:
    """ACME001: an ORM session and a raw side made from ``values`` (YAML flow list) in one scope."""
    return two_sided_rule(
        f'{{ label: custom raw connection, values: {values}, queries: ["(call) @value", "(call function: (attribute object: (_) @value)) @match"] }}'
    )


ORDERS = """\
from sqlalchemy.orm import Session

from {module} import raw_conn


def settle(db: Session):
    db.add(object())
    raw_conn().cursor().execute("UPDATE ledger SET settled = true")
"""


def project(tmp_path: Path, module: str) -> Path:
    for folder in ("app", "app/api", "txmix-rules"):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "api" / "__init__.py").write_text("")
    (tmp_path / "app" / "db.py").write_text("def raw_conn(): ...\n")
    (tmp_path / "app" / "api" / "orders.py").write_text(ORDERS.format(module=module))
    (tmp_path / "txmix-rules" / "acme.yaml").write_text(rule_with_raw_values("[{ call: app.db.raw_conn }]"))
    (tmp_path / "pyproject.toml").write_text('[tool.txmix]\nextend-rules = ["txmix-rules"]\n')
    return tmp_path


def test_call_value_matches_under_a_relative_import_that_never_names_the_package(tmp_path: Path) -> None:
    code, out, _ = run_txmix(["check", "app"], project(tmp_path, "..db"))
    assert code == 1 and out.startswith("app/api/orders.py:8:5: ACME001"), out


def test_call_value_matches_under_the_absolute_import(tmp_path: Path) -> None:
    code, out, _ = run_txmix(["check", "app"], project(tmp_path, "app.db"))
    assert code == 1 and out.startswith("app/api/orders.py:8:5: ACME001"), out


def test_a_relative_import_of_another_module_is_not_a_match(tmp_path: Path) -> None:
    root = project(tmp_path, "..other")
    (root / "app" / "other.py").write_text("def raw_conn(): ...\n")
    code, out, _ = run_txmix(["check", "app"], root)
    assert code == 0 and out == ""


def name_value_findings(tmp_path: Path, code: str) -> list[tuple[str, int]]:
    (tmp_path / "rules").mkdir(exist_ok=True)
    (tmp_path / "rules" / "legacy.yaml").write_text(rule_with_raw_values("[{ name: app.db.conn }]"))
    book = load_rulebook([tmp_path / "rules"])
    source = decode_source(textwrap.dedent(code).encode(), tmp_path / "sample.py", "sample.py")
    findings = Analysis(book, [book.rules["ACME001"]]).analyze(source)
    return [(f.code, f.location.row) for f in findings]


def test_an_imported_name_is_a_value(tmp_path: Path) -> None:
    assert name_value_findings(tmp_path, """\
        from sqlalchemy.orm import Session
        from app.db import conn

        def settle(db: Session):
            db.add(object())
            conn.cursor().execute("UPDATE ledger SET settled = true")
        """) == [("ACME001", 6)]


def test_the_name_through_its_module_and_an_alias(tmp_path: Path) -> None:
    assert name_value_findings(tmp_path, """\
        from sqlalchemy.orm import Session
        import app.db as legacy

        def settle(db: Session):
            db.add(object())
            legacy.conn.cursor()
        """) == [("ACME001", 6)]


def test_a_local_of_the_same_name_is_not_the_imported_one(tmp_path: Path) -> None:
    assert name_value_findings(tmp_path, """\
        from sqlalchemy.orm import Session
        from app.db import conn

        def settle(db: Session, conn):
            db.add(object())
            conn.cursor()

        def other(db: Session):
            db.add(object())
            from app import other_conn as conn
            conn.cursor()
        """) == []
