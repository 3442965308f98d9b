from sqlalchemy import text

from store.extensions import db


def record_ledger(cart_id: int, amount_cents: int) -> None:
    with db.engine.connect() as conn:
        conn.execute(text("INSERT INTO ledger (cart_id, amount_cents) VALUES (:c, :a)"), {"c": cart_id, "a": amount_cents})
        conn.commit()
