from sqlalchemy import Column, Integer, String
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class DeliveryOrder(Base):
    __tablename__ = "delivery_orders"
    id = Column(Integer, primary_key=True)
    restaurant_id = Column(Integer)
    address = Column(String(255))
    state = Column(String(16), default="placed")
