import asyncio

import asyncpg
from sqlalchemy import select

from sync.db import AsyncSessionLocal
from sync.models import Lead
from sync.settings import PG_DSN


async def main() -> None:
    async with AsyncSessionLocal() as session:
        leads = (await session.scalars(select(Lead))).all()
        conn = await asyncpg.connect(PG_DSN)  # expect: TXM003
        try:
            opens = dict(await conn.fetch("SELECT lead_id, count(*) FROM email_opens GROUP BY lead_id"))
        finally:
            await conn.close()
        for lead in leads:
            lead.score = min(100, opens.get(lead.id, 0) * 5)
        await session.commit()


if __name__ == "__main__":
    asyncio.run(main())
