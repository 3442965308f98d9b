from sqlalchemy import Column, Date, Integer, Numeric, String
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class Booking(Base):
    __tablename__ = "bookings"
    id = Column(Integer, primary_key=True)
    hotel_id = Column(Integer)
    check_in = Column(Date)
    nights = Column(Integer)
    price = Column(Numeric(10, 2))
    currency = Column(String(3))
