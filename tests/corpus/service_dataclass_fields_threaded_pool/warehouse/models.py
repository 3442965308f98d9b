from sqlalchemy import Column, Integer, String
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class Shipment(Base):
    __tablename__ = "shipments"
    id = Column(Integer, primary_key=True)
    carrier = Column(String(32))
    tracking = Column(String(64))
    state = Column(String(16), default="created")
