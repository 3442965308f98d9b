"""TXM001 as in its invalid example: the order goes through the session, stock through psycopg2."""

import psycopg2
from sqlalchemy import text
from sqlalchemy.orm import Session


def create_order(db: Session, dsn, order, sku):
    db.add(order)
    conn = psycopg2.connect(dsn)
    cur = conn.cursor()
    cur.execute("SELECT count(*) FROM orders WHERE sku = %s", (sku,))
    seen = cur.fetchone()[0]
    cur.execute("UPDATE stock SET quantity = quantity - 1 WHERE sku = %s", (sku,))
    conn.commit()
    conn.close()
    return seen


def restock_then_sell(db: Session, dsn, sku):
    db.execute(text("UPDATE stock SET quantity = quantity + 5 WHERE sku = :sku"), {"sku": sku})
    conn = psycopg2.connect(dsn, options="-c lock_timeout=300")
    with conn:
        with conn.cursor() as cur:
            cur.execute("UPDATE stock SET quantity = quantity - 1 WHERE sku = %s", (sku,))
    conn.close()
    db.commit()
