from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from app.database import get_db
from app.models import Order
from app.stock import decrement_stock, stock_level

router = APIRouter()


@router.post("/orders")
def create_order(sku: str, quantity: int, db: Session = Depends(get_db)):
    order = Order(sku=sku, quantity=quantity)
    db.add(order)
    db.flush()
    decrement_stock(db, sku, quantity)
    remaining = stock_level(db.connection().connection, sku)
    db.commit()
    return {"id": order.id, "remaining": remaining}
