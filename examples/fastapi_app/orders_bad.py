"""A FastAPI endpoint that mixes the ORM session with a raw psycopg2 connection (do not copy)."""

import psycopg2
from fastapi import Depends, FastAPI
from sqlalchemy.orm import Session

from .database import DSN, get_db
from .models import Order

app = FastAPI()


@app.post("/orders")
def create_order(sku: str, db: Session = Depends(get_db)) -> dict[str, int]:
    order = Order(sku=sku)
    db.add(order)
    # A second connection: it cannot see `order` (not flushed, not committed), and if
    # db.commit() below fails, the stock decrement stays committed anyway.
    conn = psycopg2.connect(DSN)
    with conn.cursor() as cur:
        cur.execute("UPDATE stock SET quantity = quantity - 1 WHERE sku = %s", (sku,))
    conn.commit()
    conn.close()
    db.commit()
    return {"id": order.id}
