"""Fix output that passes the team's other hooks: imports removed, placed and merged as ruff wants.

Every case goes through ``fixed``, which also runs ``ruff check --select F401,I001,E501`` on the
input and the output and fails on any finding the fix added.
"""

from __future__ import annotations

from pathlib import Path

from fixes.golden import expect, fixed


def test_an_import_still_used_elsewhere_is_kept(tmp_path: Path) -> None:
    after = fixed(tmp_path, """\
        import psycopg2
        from sqlalchemy.orm import Session


        def create_order(db: Session, order):
            db.add(order)
            conn = psycopg2.connect("dbname=shop")
            conn.commit()


        def report():
            return psycopg2.connect("dbname=report")
        """)
    assert after.startswith("import psycopg2\nfrom sqlalchemy.orm import Session\n")
    assert "    conn = db.connection().connection\n" in after


def test_text_is_merged_into_an_existing_from_sqlalchemy_import(tmp_path: Path) -> None:
    after = fixed(tmp_path, """\
        import psycopg
        from sqlalchemy import Integer, create_engine
        from sqlalchemy.orm import Session

        ENGINE = create_engine("postgresql://")


        def pay(db: Session):
            db.add(Integer)
            with psycopg.connect("dbname=shop") as conn:
                conn.execute("UPDATE invoice SET paid = true")
        """)
    assert after.startswith(expect("""\
        from sqlalchemy import Integer, create_engine, text
        from sqlalchemy.orm import Session

        ENGINE"""))


def test_text_goes_into_the_third_party_section_in_sorted_order(tmp_path: Path) -> None:
    after = fixed(tmp_path, """\
        import os

        import psycopg
        from sqlalchemy.orm import Session

        from .models import Order


        def pay(db: Session):
            db.add(Order(os.getpid()))
            with psycopg.connect("dbname=shop") as conn:
                conn.execute("UPDATE invoice SET paid = true")
        """)
    assert after.startswith(expect("""\
        import os

        from sqlalchemy import text
        from sqlalchemy.orm import Session

        from .models import Order
        """))


def test_a_merged_import_too_long_for_one_line_is_wrapped(tmp_path: Path) -> None:
    names = ", ".join(f"Column{n}" for n in range(9))
    after = fixed(tmp_path, f"""\
        import psycopg
        from sqlalchemy import {names}
        from sqlalchemy.orm import Session


        def pay(db: Session):
            db.add(Column0)
            with psycopg.connect("dbname=shop") as conn:
                conn.execute("UPDATE invoice SET paid = true")
        """)
    assert after.startswith("from sqlalchemy import (\n    Column0,\n") and "    Column8,\n    text,\n)\n" in after
