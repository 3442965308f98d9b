import asyncpg
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

engine = create_async_engine("postgresql+asyncpg://mail@localhost/mail")
Session = async_sessionmaker(engine)
pool: asyncpg.Pool | None = None


async def startup() -> None:
    global pool
    pool = await asyncpg.create_pool("postgresql://mail@localhost/mail")


async def mark_read(message_id: int, user_id: int) -> None:
    async with Session() as session:
        msg = await session.get(Message, message_id)
        msg.read = True
        async with pool.acquire() as conn:  # expect: TXM003
            await conn.execute("UPDATE mailbox_counters SET unread = unread - 1 WHERE user_id = $1", user_id)
        await session.commit()


class Message:
    id: int
    read: bool
