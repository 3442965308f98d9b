"""TXM002 at run time: psycopg 3 connections (sync, async, pooled) beside a Session."""

from __future__ import annotations

import asyncio

import psycopg
import psycopg_pool
import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
from sqlalchemy.orm import Session

from postgres.pg_server import PgServer
from postgres.shop import Order, Stock, committed_state
from runtime.conftest import assert_only_finding, assert_site
from txmix_hook.runtime import TxMixError

HERE = __file__


def test_psycopg_connect_and_connection_connect_are_watched(shop: PgServer, guarded) -> None:  # type: ignore[no-untyped-def]
    with Session(create_engine(shop.url("psycopg"))) as db:
        db.add(Order(sku="widget"))  # began
        db.flush()
        with psycopg.connect(shop.dsn) as conn:
            assert conn.execute("SELECT count(*) FROM orders").fetchone() == (0,)  # conn-execute
            with conn.cursor() as cur:
                cur.executemany("SELECT %s", [(1,), (2,)])  # cursor-executemany
        with psycopg.Connection.connect(shop.dsn) as conn, conn.cursor(name="named") as cur:
            cur.execute("SELECT 1")  # server-cursor
        db.rollback()
    assert [f.rule for f in guarded] == ["TXM002"] * 3
    for finding, marker in zip(guarded, ("conn-execute", "cursor-executemany", "server-cursor"), strict=True):
        assert_site(finding.raw_site, HERE, marker)
        assert_site(finding.began_at, HERE, "began")


def test_pooled_connections_are_watched_even_from_a_pool_made_before_install(shop: PgServer) -> None:
    from txmix_hook import runtime

    pool = psycopg_pool.ConnectionPool(shop.dsn, min_size=1, max_size=2, open=True)
    try:
        with runtime.guard("error"), Session(create_engine(shop.url("psycopg"))) as db:
            db.execute(select(Stock)).all()
            with pool.connection() as conn, pytest.raises(TxMixError, match="TXM002"):
                conn.execute("UPDATE stock SET quantity = 0")
            db.rollback()
    finally:
        pool.close()
    assert committed_state(shop.dsn) == (0, 10)


def test_async_connection_beside_an_async_session(shop: PgServer, guarded) -> None:  # type: ignore[no-untyped-def]
    async def main() -> None:
        engine = create_async_engine(shop.url("psycopg"))
        async with AsyncSession(engine) as db:
            await db.execute(select(Stock))  # async-began
            async with await psycopg.AsyncConnection.connect(shop.dsn) as conn:
                await conn.execute("SELECT 1")  # async-raw
            conn2 = await db.connection()
            raw = await conn2.get_raw_connection()
            await raw.driver_connection.execute("SELECT 2")  # the session's own: silent
        await engine.dispose()

    asyncio.run(main())
    assert_only_finding(guarded, "TXM002", HERE, "async-raw", "async-began")


def test_sqlalchemy_psycopg_sessions_alone_are_silent(shop: PgServer, strict) -> None:  # type: ignore[no-untyped-def]
    with Session(create_engine(shop.url("psycopg"))) as db:
        db.add(Order(sku="widget"))
        db.flush()
        db.connection().connection.cursor().execute("SELECT 1")
        db.commit()
    assert strict == []
