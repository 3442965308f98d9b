"""Golden before/after for every fix kind; each also checked for idempotence and parsing."""

from __future__ import annotations

from pathlib import Path

from cli_helpers import run_txmix
from fixes.golden import expect, fixed


def test_psycopg2_connect_assignment_shares_the_session_connection(tmp_path: Path) -> None:
    after = fixed(tmp_path, """\
        import psycopg2
        from sqlalchemy.orm import Session


        def create_order(db: Session, order, sku):
            db.add(order)
            conn = psycopg2.connect("dbname=shop")
            cur = conn.cursor()
            cur.execute("UPDATE stock SET n = n - 1 WHERE sku = %s RETURNING n", (sku,))
            left = cur.fetchone()[0]
            conn.commit()
            conn.close()
            db.commit()
            return left
        """)
    assert after == expect("""\
        from sqlalchemy.orm import Session


        def create_order(db: Session, order, sku):
            db.add(order)
            db.flush()
            conn = db.connection().connection
            cur = conn.cursor()
            cur.execute("UPDATE stock SET n = n - 1 WHERE sku = %s RETURNING n", (sku,))
            left = cur.fetchone()[0]
            db.commit()
            return left
        """)


def test_psycopg2_cursor_executes_move_onto_the_session(tmp_path: Path) -> None:
    after = fixed(tmp_path, """\
        import psycopg2
        from sqlalchemy.orm import Session


        def create_order(db: Session, order, sku, note):
            db.add(order)
            conn = psycopg2.connect("dbname=shop")
            with conn:
                with conn.cursor() as cur:
                    cur.execute("UPDATE stock SET n = n - 1 WHERE sku = %(sku)s", {"sku": sku})
                    cur.execute("INSERT INTO audit (note) VALUES ('100%% done: %s')")
            conn.cursor().execute("UPDATE stock SET checked = now()::date")
            conn.close()
            db.commit()
        """)
    assert after == expect("""\
        from sqlalchemy import text
        from sqlalchemy.orm import Session


        def create_order(db: Session, order, sku, note):
            db.add(order)
            db.flush()
            db.execute(text('UPDATE stock SET n = n - 1 WHERE sku = :sku'), {"sku": sku})
            db.execute(text("INSERT INTO audit (note) VALUES ('100%% done: %s')"))
            db.execute(text('UPDATE stock SET checked = now()::date'))
            db.commit()
        """)


def test_with_connect_as_conn_becomes_an_assignment_and_the_body_is_dedented(tmp_path: Path) -> None:
    after = fixed(tmp_path, '''\
        import psycopg2
        from sqlalchemy.orm import Session


        def job(db: Session, sql):
            db.add(1)
            with psycopg2.connect("dbname=shop") as conn:
                with conn:
                    conn.cursor().execute(sql, """
                        literal
                        kept""")
                note = "kept"
            db.commit()
        ''')
    assert after == expect('''\
        from sqlalchemy.orm import Session


        def job(db: Session, sql):
            db.add(1)
            db.flush()
            conn = db.connection().connection
            conn.cursor().execute(sql, """
                        literal
                        kept""")
            note = "kept"
            db.commit()
        ''')


def test_engine_raw_connection_is_replaced_by_the_session_dbapi_connection(tmp_path: Path) -> None:
    after = fixed(tmp_path, """\
        from sqlalchemy.orm import Session


        def archive(db: Session, engine):
            db.query(int).all()
            raw = engine.raw_connection()
            try:
                raw.cursor().execute("DELETE FROM order_cache")
                raw.commit()
            finally:
                raw.close()
        """)
    assert after == expect("""\
        from sqlalchemy.orm import Session


        def archive(db: Session, engine):
            db.query(int).all()
            db.flush()
            raw = db.connection().connection
            try:
                raw.cursor().execute("DELETE FROM order_cache")
            finally:
                pass
        """)


def test_psycopg3_literal_executes_move_onto_the_session_with_converted_parameters(tmp_path: Path) -> None:
    after = fixed(tmp_path, """\
        import psycopg
        from sqlalchemy.orm import Session


        def pay(db: Session, invoice_id, amount):
            db.add(1)
            with psycopg.connect("dbname=shop") as conn:
                conn.execute("INSERT INTO ledger (invoice_id, amount) VALUES (%s, %s)", (invoice_id, amount))
                conn.execute("UPDATE invoice SET paid = true WHERE id = %(id)s", {"id": invoice_id})
                conn.commit()
        """)
    assert after == expect("""\
        from sqlalchemy import text
        from sqlalchemy.orm import Session


        def pay(db: Session, invoice_id, amount):
            db.add(1)
            db.flush()
            db.execute(
                text('INSERT INTO ledger (invoice_id, amount) VALUES (:p1, :p2)'),
                {"p1": invoice_id, "p2": amount},
            )
            db.execute(text('UPDATE invoice SET paid = true WHERE id = :id'), {"id": invoice_id})
        """)


def test_psycopg3_non_literal_sql_shares_the_driver_connection_instead(tmp_path: Path) -> None:
    after = fixed(tmp_path, """\
        import psycopg
        from sqlalchemy.orm import Session


        def pay(db: Session, sql):
            db.add(1)
            conn = psycopg.connect("dbname=shop")
            conn.execute(sql)
            conn.commit()
        """)
    assert after == expect("""\
        from sqlalchemy.orm import Session


        def pay(db: Session, sql):
            db.add(1)
            db.flush()
            conn = db.connection().connection.driver_connection
            conn.execute(sql)
        """)


def test_asyncpg_connect_executes_move_onto_the_async_session(tmp_path: Path) -> None:
    after = fixed(tmp_path, """\
        import asyncpg
        from sqlalchemy import text
        from sqlalchemy.ext.asyncio import AsyncSession


        async def transfer(db: AsyncSession, account, amount):
            db.add(1)
            conn = await asyncpg.connect("postgresql://localhost/shop")
            await conn.execute("UPDATE account SET balance = balance - $2 WHERE id = $1", account, amount)
            await conn.close()
            await db.commit()
        """)
    assert after == expect("""\
        from sqlalchemy import text
        from sqlalchemy.ext.asyncio import AsyncSession


        async def transfer(db: AsyncSession, account, amount):
            db.add(1)
            await db.flush()
            await db.execute(
                text('UPDATE account SET balance = balance - :p2 WHERE id = :p1'),
                {"p2": amount, "p1": account},
            )
            await db.commit()
        """)


def test_asyncpg_pool_acquire_block_is_unwrapped_onto_the_session(tmp_path: Path) -> None:
    after = fixed(tmp_path, """\
        import asyncpg
        from sqlalchemy import text
        from sqlalchemy.ext.asyncio import AsyncSession

        pool = None


        async def startup():
            global pool
            pool = await asyncpg.create_pool("postgresql://")


        async def transfer(db: AsyncSession):
            db.add(1)
            async with pool.acquire() as conn:
                await conn.execute("UPDATE account SET balance = 0")
            await db.commit()
        """)
    assert after.endswith(expect("""\
        async def transfer(db: AsyncSession):
            db.add(1)
            await db.flush()
            await db.execute(text('UPDATE account SET balance = 0'))
            await db.commit()
        """))


def test_asyncpg_other_uses_get_the_session_driver_connection_and_lose_release(tmp_path: Path) -> None:
    after = fixed(tmp_path, """\
        import asyncpg
        from sqlalchemy.ext.asyncio import AsyncSession

        POOL = asyncpg.create_pool("postgresql://")


        async def report(db: AsyncSession):
            await db.execute("select 1")
            conn = await POOL.acquire()
            rows = await conn.fetch("SELECT * FROM t")
            await POOL.release(conn)
            return rows
        """)
    assert after.endswith(expect("""\
        async def report(db: AsyncSession):
            await db.execute("select 1")
            await db.flush()
            conn = (await (await db.connection()).get_raw_connection()).driver_connection
            rows = await conn.fetch("SELECT * FROM t")
            return rows
        """))


def test_second_engine_connection_becomes_the_session_connection(tmp_path: Path) -> None:
    after = fixed(tmp_path, """\
        from sqlalchemy import create_engine, text
        from sqlalchemy.orm import Session

        engine = create_engine("postgresql://")


        def close_day(db: Session):
            db.add(1)
            with engine.begin() as conn:
                conn.execute(text("UPDATE till SET open = false"))
            db.commit()
        """)
    assert after.endswith(expect("""\
        def close_day(db: Session):
            db.add(1)
            db.flush()
            conn = db.connection()
            conn.execute(text("UPDATE till SET open = false"))
            db.commit()
        """))


def test_a_pool_itself_is_not_rewritten_only_suggested(tmp_path: Path) -> None:
    source = """\
        import asyncpg
        from sqlalchemy.ext.asyncio import AsyncSession


        async def report(db: AsyncSession):
            pool = await asyncpg.create_pool("postgresql://")
            await db.commit()
            async with pool.acquire() as conn:
                await conn.fetch("SELECT 1")
        """
    (tmp_path / "app.py").write_text(expect(source))
    code, out, err = run_txmix(["check", "--isolated", "--fix", "--unsafe-fixes", "--output-format", "full", "app.py"], tmp_path)
    assert code == 1 and (tmp_path / "app.py").read_text() == expect(source)
    assert "= help: use `await db.execute(text(...), params)`" in out


def test_safe_fixes_only_without_unsafe_fixes_flag(tmp_path: Path) -> None:
    source = "import psycopg2\nfrom sqlalchemy.orm import Session\n\n\ndef f(db: Session):\n    db.add(1)\n    c = psycopg2.connect('')  # txmix: ignore[TXM003]\n"
    (tmp_path / "app.py").write_text(source)
    code, _, err = run_txmix(["check", "--isolated", "--fix", "app.py"], tmp_path)
    text = (tmp_path / "app.py").read_text()
    assert "psycopg2.connect('')\n" in text and "ignore" not in text  # the safe TXM100 fix ran, the unsafe one did not
    assert code == 1 and "1 more fix available with --unsafe-fixes" in err


def test_diff_prints_and_writes_nothing(tmp_path: Path) -> None:
    source = "import psycopg2\nfrom sqlalchemy.orm import Session\n\n\ndef f(db: Session):\n    db.add(1)\n    c = psycopg2.connect('')\n"
    (tmp_path / "app.py").write_text(source)
    code, out, err = run_txmix(["check", "--isolated", "--diff", "--unsafe-fixes", "app.py"], tmp_path)
    assert code == 1
    assert out.startswith("--- a/app.py\n+++ b/app.py\n")
    assert "-    c = psycopg2.connect('')\n+    db.flush()\n+    c = db.connection().connection\n" in out
    assert (tmp_path / "app.py").read_text() == source
    assert run_txmix(["check", "--isolated", "--diff", "app.py"], tmp_path)[0] == 0  # no safe fix: no diff


def test_show_fixes_lists_what_was_fixed(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text("import psycopg2\nfrom sqlalchemy.orm import Session\n\n\ndef f(db: Session):\n    db.add(1)\n    c = psycopg2.connect('')\n")
    code, _, err = run_txmix(["check", "--isolated", "--fix", "--unsafe-fixes", "--show-fixes", "app.py"], tmp_path)
    assert code == 0
    assert "Fixed 1 finding:\n- app.py:\n    1 × TXM001\n" in err
