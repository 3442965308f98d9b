"""TXM004 as in its invalid example: a second pooled DBAPI connection from the engine."""

from sqlalchemy.orm import Session


def count_pending(db: Session, engine, order, sku):
    db.add(order)
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        cur.execute("SELECT count(*) FROM orders WHERE sku = %s", (sku,))
        seen = cur.fetchone()[0]
        raw.commit()
    finally:
        raw.close()
    return seen
