"""TXM006: a team's own raw-connection helper (declared in raw-connection-factories)."""

from sqlalchemy.orm import Session

from shop_helpers import raw_conn


def sell(db: Session, dsn, order, sku):
    db.add(order)
    conn = raw_conn(dsn)
    conn.cursor().execute("UPDATE stock SET quantity = quantity - 1 WHERE sku = %s", (sku,))
    conn.commit()
