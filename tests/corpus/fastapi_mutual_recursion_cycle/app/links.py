import asyncpg

DSN = "postgresql://docs:docs@localhost/docs"


async def resolve_page(page_id: int, seen: set[int]) -> list[int]:
    if page_id in seen:
        return []
    seen.add(page_id)
    return [page_id, *await resolve_links(page_id, seen)]


async def resolve_links(page_id: int, seen: set[int]) -> list[int]:
    conn = await asyncpg.connect(DSN)
    try:
        targets = [r["target_id"] for r in await conn.fetch("SELECT target_id FROM page_links WHERE source_id = $1", page_id)]
    finally:
        await conn.close()
    found: list[int] = []
    for target in targets:
        found.extend(await resolve_page(target, seen))
    return found
