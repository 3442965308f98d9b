import asyncpg
from sqlalchemy.ext.asyncio import AsyncSession

from svc.models import Message


class MessageRepository:
    def __init__(self, session: AsyncSession, pool: asyncpg.Pool) -> None:
        self._session = session
        self._pool = pool

    async def post(self, room: str, author: str, body: str) -> Message:
        message = Message(room=room, author=author, body=body)
        self._session.add(message)
        await self._session.flush()
        async with self._pool.acquire() as conn:  # expect: TXM003
            await conn.execute("UPDATE rooms SET last_message_at = now(), messages = messages + 1 WHERE name = $1", room)
        await self._session.commit()
        return message

    async def unread(self, room: str, since_id: int) -> int:
        async with self._pool.acquire() as conn:
            return await conn.fetchval("SELECT count(*) FROM messages WHERE room = $1 AND id > $2", room, since_id)
