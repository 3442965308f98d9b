import asyncpg
from starlette.requests import Request

DSN = "postgresql://shop@localhost/shop"


async def cart_total(request: Request) -> int:
    skus = request.session.get("cart", [])
    conn = await asyncpg.connect(DSN)
    try:
        return await conn.fetchval("SELECT coalesce(sum(price_cents), 0) FROM products WHERE sku = ANY($1)", skus)
    finally:
        await conn.close()
