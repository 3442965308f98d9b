import asyncpg
from sqlalchemy.ext.asyncio import AsyncSession


class LoginRepository:
    def __init__(self, session: AsyncSession, pool: asyncpg.Pool) -> None:
        self.session = session
        self.pool = pool

    async def record_login(self, user_id: int, ip: str) -> None:
        user = await self.session.get(User, user_id)
        user.last_ip = ip
        async with self.pool.acquire() as conn:  # expect: TXM003
            await conn.execute("INSERT INTO login_events (user_id, ip) VALUES ($1, $2)", user_id, ip)
        await self.session.commit()


class User:
    last_ip: str
