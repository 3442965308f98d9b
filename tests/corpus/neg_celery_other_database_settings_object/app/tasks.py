import asyncio

import asyncpg
from celery import shared_task
from sqlalchemy import select

from app.db import SessionLocal
from app.models import Purchase
from app.settings import settings


async def _copy_to_analytics(rows: list[tuple[int, int, str]]) -> None:
    conn = await asyncpg.connect(settings.ANALYTICS_DSN)
    try:
        await conn.copy_records_to_table("purchases_raw", records=rows, columns=["id", "user_id", "product"])
    finally:
        await conn.close()


@shared_task
def export_purchases() -> int:
    with SessionLocal() as session:
        purchases = session.scalars(select(Purchase).where(Purchase.exported == 0).limit(5000)).all()
        asyncio.run(_copy_to_analytics([(p.id, p.user_id, p.product) for p in purchases]))
        for p in purchases:
            p.exported = 1
        session.commit()
        return len(purchases)
