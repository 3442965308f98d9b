"""TXM005 as in its invalid example: `with engine.begin()` beside the session."""

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session


def close_day(db: Session, engine: Engine, order, sku):
    db.add(order)
    with engine.begin() as conn:
        conn.execute(text("UPDATE stock SET quantity = 0 WHERE sku = :sku"), {"sku": sku})
