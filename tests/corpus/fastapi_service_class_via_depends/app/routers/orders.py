from fastapi import APIRouter, Depends

from app.services.orders import OrderService, get_order_service

router = APIRouter()


@router.post("/orders")
def place_order(restaurant_id: int, address: str, service: OrderService = Depends(get_order_service)):
    order = service.place(restaurant_id, address)
    return {"id": order.id, "state": order.state}
