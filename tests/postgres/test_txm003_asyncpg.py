"""TXM003 on a real PostgreSQL with an AsyncSession on asyncpg: both fix kinds proven."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from postgres.pg_server import PgServer
from postgres.proof import prepare, rolled_back_state
from postgres.shop import Order


@pytest.fixture()
def proof(tmp_path: Path):  # type: ignore[no-untyped-def]
    return prepare("txm003_asyncpg", "TXM003", tmp_path)


async def run_sell(module, pg: PgServer) -> None:  # type: ignore[no-untyped-def]
    engine = create_async_engine(pg.url("asyncpg"))
    async with AsyncSession(engine) as db:
        await module.sell(db, pg.dsn, Order(sku="widget"), "widget")
        await db.rollback()
    await engine.dispose()


async def run_count(module, pg: PgServer) -> int:  # type: ignore[no-untyped-def]
    engine = create_async_engine(pg.url("asyncpg"))
    async with AsyncSession(engine) as db:
        seen = await module.count_pending(db, pg.dsn, Order(sku="widget"), "widget")
        await db.rollback()
    await engine.dispose()
    return seen


def test_session_rollback_leaves_the_asyncpg_write_committed(shop: PgServer, proof) -> None:  # type: ignore[no-untyped-def]
    before, after = rolled_back_state(shop.dsn, lambda: asyncio.run(run_sell(proof.bad, shop)), lambda: asyncio.run(run_sell(proof.fixed, shop)))
    assert before == (0, 9), "half a request persisted: asyncpg autocommitted its UPDATE"
    assert after == (0, 10)
    assert "await db.execute(\n        text('UPDATE stock SET quantity = quantity - :p1 WHERE sku = :p2'),\n        {\"p1\": 1, \"p2\": sku},\n    )" in proof.fixed_source  # wrapped at 88
    print(f"TXM003 half-persisted (execute-on-session fix): after rollback {before}; after txmix's fix: {after}")


def test_asyncpg_read_misses_the_pending_orm_write(shop: PgServer, proof) -> None:  # type: ignore[no-untyped-def]
    before = asyncio.run(run_count(proof.bad, shop))
    after = asyncio.run(run_count(proof.fixed, shop))
    assert (before, after) == (0, 1)
    assert "conn = (await (await db.connection()).get_raw_connection()).driver_connection" in proof.fixed_source
    print(f"TXM003 invisible write (share-connection fix): raw read saw {before} of 1; after txmix's fix: {after}")
