import asyncpg


async def nearby_stores(pool: asyncpg.Pool, lat: float, lon: float, km: float) -> list[dict]:
    async with pool.acquire() as conn:
        rows = await conn.fetch(
            "SELECT id, name FROM stores WHERE ST_DWithin(location, ST_MakePoint($1, $2)::geography, $3 * 1000)", lon, lat, km
        )
    return [dict(r) for r in rows]


async def add_store(pool: asyncpg.Pool, name: str, lat: float, lon: float) -> int:
    async with pool.acquire() as conn:
        async with conn.transaction():
            return await conn.fetchval(
                "INSERT INTO stores (name, location) VALUES ($1, ST_MakePoint($2, $3)::geography) RETURNING id", name, lon, lat
            )
