from fastapi import APIRouter

from inventory.db import SessionLocal, pg_pool
from inventory.service import InventoryService

router = APIRouter()


@router.post("/reservations")
def create_reservation(sku: str, quantity: int, order_ref: str):
    with SessionLocal() as session:
        service = InventoryService(session, pg_pool)
        reservation = service.reserve(sku, quantity, order_ref)
        return {"id": reservation.id}
