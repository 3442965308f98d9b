import asyncpg

DSN = "postgresql://geo@localhost/geo"


async def init_pool() -> asyncpg.Pool:
    return await asyncpg.create_pool(DSN, min_size=1, max_size=10, command_timeout=30)
