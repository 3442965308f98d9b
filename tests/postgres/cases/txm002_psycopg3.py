"""TXM002 as in its invalid examples: psycopg 3 beside the session, literal SQL and not."""

import psycopg
from sqlalchemy.orm import Session


def sell(db: Session, dsn, order, sku):
    db.add(order)
    with psycopg.connect(dsn) as conn:
        conn.execute("UPDATE stock SET quantity = quantity - %s WHERE sku = %s", (1, sku))
        conn.commit()


def count_pending(db: Session, dsn, order, sql):
    db.add(order)
    conn = psycopg.connect(dsn)
    row = conn.execute(sql).fetchone()
    conn.close()
    return row[0]
