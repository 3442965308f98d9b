"""The same endpoint done right: the raw SQL runs on the session's own connection."""

from fastapi import Depends, FastAPI
from sqlalchemy import text
from sqlalchemy.orm import Session

from .database import get_db
from .models import Order

app = FastAPI()


@app.post("/orders")
def create_order(sku: str, db: Session = Depends(get_db)) -> dict[str, int]:
    order = Order(sku=sku)
    db.add(order)
    db.execute(text("UPDATE stock SET quantity = quantity - 1 WHERE sku = :sku"), {"sku": sku})
    db.commit()  # one transaction: both writes, or neither
    return {"id": order.id}
