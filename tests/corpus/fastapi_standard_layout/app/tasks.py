from celery import shared_task
from sqlalchemy import select

from app.database import SessionLocal, engine
from app.models import Order
from app.reports import fetch_totals
from app.worker import celery_app


@celery_app.task(bind=True, max_retries=3)
def rebuild_invoice(self, order_id: int) -> None:
    with SessionLocal() as db:
        order = db.get(Order, order_id)
        if order is None:
            return
        totals = fetch_totals(order_id)  # expect: TXM001
        order.total = totals["amount"]
        db.commit()


@shared_task
def close_stale_orders() -> int:
    db = SessionLocal()
    try:
        stale = db.scalars(select(Order).where(Order.status == "pending")).all()
        for order in stale:
            order.status = "expired"
        raw = engine.raw_connection()  # expect: TXM004
        try:
            cur = raw.cursor()
            cur.execute("DELETE FROM cart_reservations WHERE created_at < now() - interval '1 day'")
            raw.commit()
        finally:
            raw.close()
        db.commit()
        return len(stale)
    finally:
        db.close()
