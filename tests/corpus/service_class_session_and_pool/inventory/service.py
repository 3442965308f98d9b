from psycopg_pool import ConnectionPool
from sqlalchemy.orm import Session

from inventory.models import Reservation


class InsufficientStock(Exception):
    pass


class InventoryService:
    def __init__(self, session: Session, pool: ConnectionPool) -> None:
        self.session = session
        self.pool = pool

    def reserve(self, sku: str, quantity: int, order_ref: str) -> Reservation:
        reservation = Reservation(sku=sku, quantity=quantity, order_ref=order_ref)
        self.session.add(reservation)
        with self.pool.connection() as conn:  # expect: TXM002
            updated = conn.execute(
                "UPDATE stock_levels SET available = available - %s WHERE sku = %s AND available >= %s",
                (quantity, sku, quantity),
            ).rowcount
        if not updated:
            raise InsufficientStock(sku)
        self.session.commit()
        return reservation

    def reservations_for(self, order_ref: str) -> list[Reservation]:
        return self.session.query(Reservation).filter_by(order_ref=order_ref).all()
