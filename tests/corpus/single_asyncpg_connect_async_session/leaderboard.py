import asyncpg
from sqlalchemy.ext.asyncio import AsyncSession

DSN = "postgresql://game@localhost/game"


async def submit_score(session: AsyncSession, player_id: int, points: int) -> int:
    player = await session.get(Player, player_id)
    player.best = max(player.best, points)
    conn = await asyncpg.connect(DSN)  # expect: TXM003
    try:
        rank = await conn.fetchval("SELECT count(*) + 1 FROM players WHERE best > $1", player.best)
    finally:
        await conn.close()
    await session.commit()
    return rank


class Player:
    id: int
    best: int
