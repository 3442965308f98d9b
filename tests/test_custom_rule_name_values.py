"""A YAML ``name:`` value: an imported object (a module-level connection) is itself a value."""

from __future__ import annotations

import textwrap

from txmix_hook.engine.analyze import Analyzer
from txmix_hook.rules.loader import load_rulebook
from txmix_hook.source import decode_source

RULES = """\
pattern-set: legacy-connection
label: legacy module-level connection
values:
  - name: app.db.conn
queries:
  - |
    (call function: (attribute object: (_) @value)) @match
---
id: ACME003
name: orm-and-legacy-module-connection
severity: error
scope: function
report-at: raw
message: "{raw_label} `{raw}` and {orm_label} `{orm}` in `{scope_name}`"
sides:
  orm: { ref: sqlalchemy-session }
  raw: { ref: legacy-connection }
docs: { what: w, why: y, example: "x = 1\\n", use-instead: "x = 2\\n" }
"""


def codes(tmp_path, code: str) -> list[tuple[str, int]]:  # type: ignore[no-untyped-def]
    (tmp_path / "rules").mkdir(exist_ok=True)
    (tmp_path / "rules" / "legacy.yaml").write_text(RULES)
    book = load_rulebook([tmp_path / "rules"])
    source = decode_source(textwrap.dedent(code).encode(), tmp_path / "sample.py", "sample.py")
    findings = Analyzer(book, [book.rules["ACME003"]]).analyze(source).findings
    return [(f.code, f.location.row) for f in findings]


def test_an_imported_name_is_a_value(tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert codes(tmp_path, """\
        from sqlalchemy.orm import Session
        from app.db import conn

        def settle(db: Session):
            db.add(object())
            conn.cursor().execute("UPDATE ledger SET settled = true")
        """) == [("ACME003", 6)]


def test_the_name_through_its_module_and_an_alias(tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert codes(tmp_path, """\
        from sqlalchemy.orm import Session
        import app.db as legacy

        def settle(db: Session):
            db.add(object())
            legacy.conn.cursor()
        """) == [("ACME003", 6)]


def test_a_local_of_the_same_name_is_not_the_imported_one(tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert codes(tmp_path, """\
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
