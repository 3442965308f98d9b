"""TXM003 as in its invalid example: asyncpg beside an AsyncSession."""

import asyncpg
from sqlalchemy.ext.asyncio import AsyncSession


async def sell(db: AsyncSession, dsn, order, sku):
    db.add(order)
    conn = await asyncpg.connect(dsn)
    await conn.execute("UPDATE stock SET quantity = quantity - $1 WHERE sku = $2", 1, sku)
    await conn.close()


async def count_pending(db: AsyncSession, dsn, order, sku):
    db.add(order)
    conn = await asyncpg.connect(dsn)
    seen = await conn.fetchval("SELECT count(*) FROM orders WHERE sku = $1", sku)
    await conn.close()
    return seen
