"""Every pattern the static rules accept stays silent at run time (the guard runs in error
mode, so a single finding would raise), and the engine's own second connections are reported."""

from __future__ import annotations

import asyncio

import psycopg2
from sqlalchemy import create_engine, select, text
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
from sqlalchemy.orm import Session

from postgres.pg_server import PgServer
from postgres.shop import Order, Stock, committed_state
from runtime.conftest import assert_only_finding, assert_site

HERE = __file__


def test_sql_on_the_sessions_own_connection_is_silent(shop: PgServer, strict) -> None:  # type: ignore[no-untyped-def]
    engine = create_engine(shop.url())
    with Session(engine) as db:
        db.add(Order(sku="widget"))
        db.flush()
        db.execute(text("UPDATE stock SET quantity = quantity - 1 WHERE sku = 'widget'"))
        with db.connection().connection.cursor() as cur:  # the fix of TXM001 and TXM004
            cur.execute("SELECT count(*) FROM orders")
            assert cur.fetchone() == (1,)
        driver = db.connection().connection.driver_connection
        with driver.cursor() as cur:
            cur.execute("SELECT 1")
        db.commit()
    assert committed_state(shop.dsn) == (1, 9)
    assert strict == []


def test_session_bound_to_a_core_connection_is_silent(shop: PgServer, strict) -> None:  # type: ignore[no-untyped-def]
    engine = create_engine(shop.url())
    with engine.connect() as conn, Session(bind=conn) as db:  # the fix of TXM005
        db.add(Order(sku="widget"))
        db.flush()
        conn.execute(text("UPDATE stock SET quantity = quantity - 1 WHERE sku = 'widget'"))
        conn.exec_driver_sql("SELECT 1")
        db.commit()
    with engine.begin() as conn, Session(bind=conn, join_transaction_mode="create_savepoint") as db:
        db.add(Order(sku="widget"))
        db.flush()
        conn.execute(text("SELECT count(*) FROM orders"))
        db.commit()
    assert committed_state(shop.dsn) == (2, 9)
    assert strict == []


def test_a_second_session_and_a_creator_connection_are_silent(shop: PgServer, strict) -> None:  # type: ignore[no-untyped-def]
    # a pool whose connections the user's own function opens with psycopg2.connect: still the session's
    engine = create_engine("postgresql+psycopg2://", creator=lambda: psycopg2.connect(shop.dsn))
    with Session(engine) as first, Session(engine) as second:
        first.add(Order(sku="widget"))
        first.flush()
        second.execute(select(Stock)).all()  # another session is not a raw connection
        first.commit()
    assert strict == []


def test_asyncsession_raw_connection_patterns_are_silent(shop: PgServer, strict) -> None:  # type: ignore[no-untyped-def]
    async def main() -> int:
        engine = create_async_engine(shop.url("asyncpg"))
        async with AsyncSession(engine) as db:
            db.add(Order(sku="widget"))
            await db.flush()
            conn = await db.connection()
            raw = await conn.get_raw_connection()
            seen = await raw.driver_connection.fetchval("SELECT count(*) FROM orders")
            await db.commit()
        await engine.dispose()
        return int(seen)

    assert asyncio.run(main()) == 1
    assert strict == []


def test_engine_raw_connection_and_second_connection_are_reported(shop: PgServer, guarded) -> None:  # type: ignore[no-untyped-def]
    engine = create_engine(shop.url())
    with Session(engine) as db:
        db.add(Order(sku="widget"))  # began
        db.flush()
        raw = engine.raw_connection()
        with raw.cursor() as cur:
            cur.execute("SELECT count(*) FROM orders")  # txm004
            assert cur.fetchone() == (0,)
        raw.close()
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))  # txm005-connect
        with engine.begin() as conn:
            conn.execute(text("SELECT 2"))  # txm005-begin
        db.rollback()
    assert [f.rule for f in guarded] == ["TXM004", "TXM005", "TXM005"]
    for finding, marker in zip(guarded, ("txm004", "txm005-connect", "txm005-begin"), strict=True):
        assert_site(finding.raw_site, HERE, marker)
        assert_site(finding.began_at, HERE, "began")


def test_async_engine_second_connection_is_reported(shop: PgServer, guarded) -> None:  # type: ignore[no-untyped-def]
    async def main() -> None:
        engine = create_async_engine(shop.url("asyncpg"))
        async with AsyncSession(engine) as db:
            await db.execute(select(Stock))  # async-began
            async with engine.connect() as conn:
                await conn.execute(text("SELECT 1"))  # async-second
        await engine.dispose()

    asyncio.run(main())
    assert_only_finding(guarded, "TXM005", HERE, "async-second", "async-began")
