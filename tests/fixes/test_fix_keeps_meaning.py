"""Unsafe fixes keep what the code does: the SQL still runs, through a cursor where it did, on
the session's connection, awaited exactly when the session is async; a fix that cannot is not
made, and no fix ever aborts the run."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_helpers import run_txmix
from fixes.golden import expect, fixed
from txmix_hook.edits import Edit, Fix
from txmix_hook.finding import Finding, Location
from txmix_hook.fixes.apply import fix_file
from txmix_hook.source import decode_source


def test_a_module_level_psycopg_connection_keeps_its_statement(tmp_path: Path) -> None:
    after = fixed(tmp_path, """\
        import psycopg
        from sqlalchemy.orm import Session

        conn = psycopg.connect("")


        def purge(db: Session, sql):
            db.add(1)
            conn.execute(sql)
        """)
    assert after.endswith("    db.add(1)\n    db.flush()\n    db.connection().connection.driver_connection.execute(sql)\n")


def test_a_module_level_literal_execute_moves_onto_the_session_and_the_connection_stays(tmp_path: Path) -> None:
    after = fixed(tmp_path, """\
        import psycopg
        from sqlalchemy.orm import Session

        conn = psycopg.connect("")


        def purge(db: Session):
            db.add(1)
            conn.execute("DELETE FROM cache")
        """)
    assert 'conn = psycopg.connect("")\n' in after
    assert after.endswith("    db.add(1)\n    db.flush()\n    db.execute(text('DELETE FROM cache'))\n")


def test_a_connection_from_an_enclosing_async_def_keeps_its_statement(tmp_path: Path) -> None:
    after = fixed(tmp_path, """\
        import asyncpg
        from sqlalchemy.ext.asyncio import AsyncSession


        async def main(sql):
            conn = await asyncpg.connect("")

            async def work(db: AsyncSession):
                db.add(1)
                await conn.execute(sql)
            return work
        """)
    assert after.endswith(
        "        db.add(1)\n        await db.flush()\n"
        "        await (\n            await (await db.connection()).get_raw_connection()\n"
        "        ).driver_connection.execute(sql)\n    return work\n"  # one line would pass 88 characters
    )
    assert '    conn = await asyncpg.connect("")\n' in after


def test_a_cursor_execute_on_a_module_level_psycopg2_connection_keeps_the_cursor(tmp_path: Path) -> None:
    after = fixed(tmp_path, """\
        import psycopg2
        from sqlalchemy.orm import Session

        conn = psycopg2.connect("")


        def purge(db: Session, sql):
            db.add(1)
            conn.cursor().execute(sql)
            conn.commit()
        """)
    assert after.endswith("    db.add(1)\n    db.flush()\n    db.connection().connection.cursor().execute(sql)\n")


@pytest.mark.parametrize(
    ("factory", "calls"),
    [
        ("from sqlalchemy.orm import sessionmaker\nSessionLocal = sessionmaker(create_engine('postgresql://'))", ""),
        ("from sqlalchemy.ext.asyncio import async_sessionmaker\nSessionLocal = async_sessionmaker(create_engine('x'))", "await "),
    ],
    ids=["sync-sessionmaker-not-awaited", "async-sessionmaker-awaited"],
)
def test_the_session_factory_decides_await_inside_async_def(tmp_path: Path, factory: str, calls: str) -> None:
    after = fixed(tmp_path, "import asyncpg\nfrom sqlalchemy import create_engine\n" + factory + expect("""


        async def purge(order_id):
            session = SessionLocal()
            session.add(1)
            conn = await asyncpg.connect("")
            await conn.execute("DELETE FROM orders WHERE id = $1", order_id)
        """))
    assert after.endswith(
        f"    session = SessionLocal()\n    session.add(1)\n    {calls}session.flush()\n"
        f"    {calls}session.execute(text('DELETE FROM orders WHERE id = :p1'), {{\"p1\": order_id}})\n"
    )


def test_no_await_goes_into_a_sync_nested_def_or_module_level(tmp_path: Path) -> None:
    source = expect("""\
        import asyncpg
        from sqlalchemy.ext.asyncio import AsyncSession


        async def outer(db: AsyncSession):
            def inner():
                db.add(1)
                conn = asyncpg.connect("")
                conn.execute("x")
            return inner


        session = AsyncSession()
        session.add(1)
        mconn = asyncpg.connect("")
        mconn.execute("DELETE FROM t")
        """)
    after = fixed(tmp_path, source)
    assert after == source


def test_a_with_body_indented_with_a_tab_keeps_its_indentation_consistent(tmp_path: Path) -> None:
    path = tmp_path / "app.py"
    path.write_text(
        "import psycopg2\nfrom sqlalchemy.orm import Session\n\n\ndef f(db: Session):\n    db.add(1)\n"
        "    with psycopg2.connect('') as conn:\n    \tcur = conn.cursor()\n    \tif cur:\n    \t    cur.execute('x')\n"
    )
    run_txmix(["check", "--isolated", "--fix", "--unsafe-fixes", "app.py"], tmp_path)
    assert path.read_text().endswith(
        "    db.add(1)\n    db.flush()\n    conn = db.connection().connection\n    cur = conn.cursor()\n    if cur:\n        cur.execute('x')\n"
    )


def test_close_before_connect_and_a_committed_module_connection_are_fixed_without_an_abort(tmp_path: Path) -> None:
    after = fixed(tmp_path, """\
        import psycopg2
        from sqlalchemy.orm import Session

        shared = psycopg2.connect("")


        def reconnect(db: Session):
            conn.close()
            db.add(1)
            conn = psycopg2.connect("")
            conn.cursor().execute("SELECT 1")


        def publish(db: Session, sql):
            db.add(1)
            shared.cursor().execute(sql)
            shared.commit()
        """)
    assert after.endswith(expect("""\
        def reconnect(db: Session):
            db.add(1)
            db.flush()
            db.execute(text('SELECT 1'))


        def publish(db: Session, sql):
            db.add(1)
            db.flush()
            db.connection().connection.cursor().execute(sql)
        """))


def test_fourteen_connections_in_one_function_reach_a_fixed_point(tmp_path: Path) -> None:
    body = "import psycopg2\nfrom sqlalchemy.orm import Session\n\n\ndef f(db: Session):\n    db.add(1)\n" + "".join(
        f'    c{i} = psycopg2.connect("")\n    c{i}.cursor().execute("SELECT {i}")\n    c{i}.commit()\n' for i in range(14)
    )
    after = fixed(tmp_path, body)  # asserts a second --fix changes nothing
    assert after.count("    db.flush()\n") == 14 and "psycopg2.connect" not in after


def test_a_fix_whose_own_edits_overlap_is_dropped_not_an_abort(tmp_path: Path) -> None:
    source = decode_source(b"x = 1\ny = 2\n", tmp_path / "app.py", "app.py")
    edits = (Edit(Location(1, 1), Location(1, 6), "x = 3"), Edit(Location(1, 3), Location(2, 1), "= 4\n"))
    clash = Finding("TXM001", "m", "error", "app.py", Location(1, 1), Location(1, 6), "<module>", "module", fix=Fix("m", "safe", edits))
    twice = Edit(Location(2, 1), Location(2, 6), "y = 5")
    same = Finding("TXM002", "m", "error", "app.py", Location(2, 1), Location(2, 6), "<module>", "module", fix=Fix("m", "safe", (twice, twice)))
    result = fix_file(source, [clash, same], lambda f: True, lambda s: [])
    assert result.text == "x = 1\ny = 5\n"
    assert result.warnings == ["app.py:1:1: TXM001 fix dropped: its own edits overlap"]


def test_the_flush_is_indented_like_the_statement_it_precedes_after_an_unwrap(tmp_path: Path) -> None:
    """Found by the fix fuzzer: the first use sat inside ``with conn:``, which the fix unwraps;
    the flush kept the old, deeper indentation and the file no longer compiled."""
    after = fixed(tmp_path, """\
        import psycopg
        from sqlalchemy.orm import Session

        pconn = psycopg.connect("")


        def f(db: Session, sql):
            db.add(1)
            try:
                with pconn:
                    pconn.execute(sql)
                pconn.commit()
            except Exception:
                raise
        """)
    assert after.endswith(
        "    try:\n        db.flush()\n        db.connection().connection.driver_connection.execute(sql)\n"
        "    except Exception:\n        raise\n"
    )


def test_a_connection_a_closure_still_uses_is_shared_not_removed(tmp_path: Path) -> None:
    after = fixed(tmp_path, """\
        import psycopg2
        from sqlalchemy.orm import Session


        def f(db: Session):
            db.add(1)
            conn = psycopg2.connect("")
            conn.cursor().execute("SELECT 1")

            def later():
                return conn.closed
            return later
        """)
    assert "    conn = db.connection().connection\n    conn.cursor().execute(\"SELECT 1\")\n" in after


def test_two_fixes_that_only_fit_one_after_the_other_are_applied_over_two_rounds(tmp_path: Path) -> None:
    """Found by the fix fuzzer (seed 575): one fix unwraps a ``with`` while the other inserts a
    flush inside it. Together in one round the flush kept the old indentation; the combination
    did not compile, the second fix was dropped for good, and the next ``--fix`` applied it."""
    after = fixed(tmp_path, """\
        import psycopg
        import psycopg2
        from sqlalchemy.orm import Session

        pconn = psycopg.connect("")


        def f(db: Session, sql):
            db.add(1)
            with psycopg2.connect("") as conn:
                conn.cursor().execute("UPDATE stock SET n = n - 1")
                pconn.execute(sql)
        """)
    assert after.endswith(
        "    db.add(1)\n    db.flush()\n    db.execute(text('UPDATE stock SET n = n - 1'))\n"
        "    db.flush()\n    db.connection().connection.driver_connection.execute(sql)\n"
    )
