from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

engine = create_async_engine("postgresql+asyncpg://chat@localhost/chat")


async def go_online(session: AsyncSession, user_id: int) -> None:
    await session.execute(text("UPDATE users SET online = true WHERE id = :id"), {"id": user_id})
    async with engine.connect() as conn:  # expect: TXM005
        await conn.execute(text("INSERT INTO presence_log (user_id, state) VALUES (:id, 'online')"), {"id": user_id})
        await conn.commit()
    await session.commit()
