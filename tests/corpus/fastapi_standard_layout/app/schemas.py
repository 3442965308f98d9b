from pydantic import BaseModel


class OrderLineIn(BaseModel):
    sku: str
    quantity: int
    unit_price: float


class OrderIn(BaseModel):
    customer_id: int
    lines: list[OrderLineIn]


class OrderOut(BaseModel):
    id: int
    status: str
    total: float
