"""TXM003 with a *sync* sessionmaker session inside ``async def``: the fix must not await it."""

import asyncpg
from sqlalchemy.orm import sessionmaker

SessionLocal = sessionmaker()  # the proof binds it to the test database


async def sell(dsn, order, sku):
    session = SessionLocal()
    session.add(order)
    conn = await asyncpg.connect(dsn)
    await conn.execute("UPDATE stock SET quantity = quantity - $1 WHERE sku = $2", 1, sku)
    await conn.close()
    session.rollback()  # the request fails after the raw write
    session.close()
