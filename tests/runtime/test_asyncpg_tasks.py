"""TXM003 at run time: asyncpg beside an AsyncSession, in concurrent asyncio tasks.

Each task runs in its own context: a mix in task A is reported with A's sites, and task B's
raw statements, run while A's session is open, are never blamed on A."""

from __future__ import annotations

import asyncio

import asyncpg
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from postgres.pg_server import PgServer
from postgres.shop import Order, Stock
from runtime.conftest import assert_site

HERE = __file__


def test_a_mix_in_one_task_is_never_blamed_on_another(shop: PgServer, guarded) -> None:  # type: ignore[no-untyped-def]
    async def main() -> None:
        engine = create_async_engine(shop.url("asyncpg"))
        a_open, b_done = asyncio.Event(), asyncio.Event()

        async def task_a() -> None:
            async with AsyncSession(engine) as db:
                db.add(Order(sku="widget"))  # a-began
                await db.flush()  # a-flushed
                a_open.set()
                await b_done.wait()  # task B runs its raw SQL while this transaction is open
                conn = await asyncpg.connect(shop.dsn)
                assert await conn.fetchval("SELECT count(*) FROM orders") == 0  # a-raw
                await conn.close()
                await db.rollback()

        async def task_b() -> None:
            await a_open.wait()
            conn = await asyncpg.connect(shop.dsn)
            await conn.fetchval("SELECT 1")  # no session in this task: silent
            async with AsyncSession(engine) as db:
                await db.execute(select(Stock))  # b-began
                await conn.execute("SELECT 2")  # b-raw
            await conn.close()
            b_done.set()

        await asyncio.gather(task_a(), task_b())
        await engine.dispose()

    asyncio.run(main())
    assert [f.rule for f in guarded] == ["TXM003", "TXM003"]
    b_finding, a_finding = guarded
    assert_site(b_finding.raw_site, HERE, "b-raw")
    assert_site(b_finding.began_at, HERE, "b-began")
    assert_site(a_finding.raw_site, HERE, "a-raw")
    assert_site(a_finding.began_at, HERE, "a-began")
    assert_site(a_finding.last_wrote_at, HERE, "a-flushed")


def test_many_concurrent_tasks_each_report_only_their_own_mix(shop: PgServer, guarded) -> None:  # type: ignore[no-untyped-def]
    async def main() -> None:
        engine = create_async_engine(shop.url("asyncpg"), pool_size=10)
        pool = await asyncpg.create_pool(shop.dsn, min_size=2, max_size=10)

        async def worker(number: int) -> None:
            async with AsyncSession(engine) as db:
                await db.execute(select(Stock))
                await asyncio.sleep(0)
                async with pool.acquire() as conn:
                    if number % 2:
                        await conn.fetchval(f"SELECT {number}")  # odd tasks mix
                await db.rollback()
            async with pool.acquire() as conn:
                await conn.fetchval("SELECT 0")  # after the session: silent

        await asyncio.gather(*(worker(n) for n in range(8)))
        await pool.close()
        await engine.dispose()

    asyncio.run(main())
    assert sorted(f.statement for f in guarded) == ["SELECT 1", "SELECT 3", "SELECT 5", "SELECT 7"]
    assert {f.rule for f in guarded} == {"TXM003"}
