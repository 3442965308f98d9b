from sqlalchemy import Column, Integer, String
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class Region(Base):
    __tablename__ = "regions"
    id = Column(Integer, primary_key=True)
    code = Column(String(8), unique=True)
    name = Column(String(120))
