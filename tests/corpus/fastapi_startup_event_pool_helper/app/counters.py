import asyncpg


async def bump_views(pool: asyncpg.Pool, article_id: int) -> int:
    async with pool.acquire() as conn:
        return await conn.fetchval(
            "UPDATE article_stats SET views = views + 1 WHERE article_id = $1 RETURNING views", article_id
        )
