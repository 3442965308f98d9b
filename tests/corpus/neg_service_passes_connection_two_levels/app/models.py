from sqlalchemy import Column, Integer, String
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class Sample(Base):
    __tablename__ = "samples"
    id = Column(Integer, primary_key=True)
    barcode = Column(String(32), unique=True)
    batch = Column(String(16))
