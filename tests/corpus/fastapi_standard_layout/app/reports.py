"""Reporting queries, written in plain SQL for speed."""

import psycopg2
from sqlalchemy import text

from app.config import DATABASE_DSN
from app.database import engine


def fetch_totals(order_id: int) -> dict:
    conn = psycopg2.connect(DATABASE_DSN)
    try:
        with conn.cursor() as cur:
            cur.execute(
                "SELECT count(*), coalesce(sum(quantity * unit_price), 0) FROM order_lines WHERE order_id = %s",
                (order_id,),
            )
            count, amount = cur.fetchone()
        return {"lines": count, "amount": float(amount)}
    finally:
        conn.close()


def refresh_sales_summary() -> None:
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        cur.execute("REFRESH MATERIALIZED VIEW CONCURRENTLY sales_summary")
        raw.commit()
    finally:
        raw.close()


def top_customers(limit: int = 10) -> list[dict]:
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT customer_id, sum(total) AS spent FROM orders GROUP BY customer_id ORDER BY spent DESC LIMIT :n"),
            {"n": limit},
        ).mappings().all()
    return [dict(r) for r in rows]
