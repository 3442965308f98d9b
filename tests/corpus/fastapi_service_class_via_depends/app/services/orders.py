from fastapi import Depends
from sqlalchemy.orm import Session

from app.database import get_db
from app.integrations.kitchen import enqueue_ticket
from app.models import DeliveryOrder


class OrderService:
    def __init__(self, db: Session) -> None:
        self.db = db

    def place(self, restaurant_id: int, address: str) -> DeliveryOrder:
        order = DeliveryOrder(restaurant_id=restaurant_id, address=address)
        self.db.add(order)
        self.db.flush()
        enqueue_ticket(restaurant_id, order.id)  # expect: TXM001
        self.db.commit()
        return order


def get_order_service(db: Session = Depends(get_db)) -> OrderService:
    return OrderService(db)
