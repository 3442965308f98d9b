from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.database import engine, get_db
from app.models import Order, OrderLine
from app.reports import fetch_totals, refresh_sales_summary
from app.schemas import OrderIn, OrderOut

router = APIRouter(prefix="/orders", tags=["orders"])


@router.post("/", response_model=OrderOut, status_code=201)
def create_order(payload: OrderIn, db: Session = Depends(get_db)):
    order = Order(customer_id=payload.customer_id)
    db.add(order)
    db.flush()
    for line in payload.lines:
        db.add(OrderLine(order_id=order.id, sku=line.sku, quantity=line.quantity, unit_price=line.unit_price))
    totals = fetch_totals(order.id)  # expect: TXM001
    order.total = totals["amount"]
    db.commit()
    db.refresh(order)
    return order


@router.post("/{order_id}/cancel", response_model=OrderOut)
def cancel_order(order_id: int, db: Session = Depends(get_db)):
    order = db.get(Order, order_id)
    if order is None:
        raise HTTPException(status_code=404, detail="order not found")
    order.status = "cancelled"
    with engine.begin() as conn:  # expect: TXM005
        conn.execute(
            text("UPDATE inventory SET reserved = reserved - l.quantity FROM order_lines l WHERE l.order_id = :id AND inventory.sku = l.sku"),
            {"id": order_id},
        )
    db.commit()
    return order


@router.post("/{order_id}/refund", response_model=OrderOut)
def refund_order(order_id: int, db: Session = Depends(get_db)):
    order = db.get(Order, order_id)
    if order is None:
        raise HTTPException(status_code=404, detail="order not found")
    order.status = "refunded"
    db.commit()
    refresh_sales_summary()  # expect: TXM004
    return order


@router.get("/{order_id}", response_model=OrderOut)
def read_order(order_id: int, db: Session = Depends(get_db)):
    order = db.get(Order, order_id)
    if order is None:
        raise HTTPException(status_code=404, detail="order not found")
    return order
