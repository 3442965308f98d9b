from sqlalchemy import Column, Integer, Numeric, String
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class Transfer(Base):
    __tablename__ = "transfers"
    id = Column(Integer, primary_key=True)
    source = Column(String(34))
    target = Column(String(34))
    amount = Column(Numeric(14, 2))
