from sqlalchemy import Column, DateTime, Integer, String
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class Import(Base):
    __tablename__ = "imports"
    id = Column(Integer, primary_key=True)
    source = Column(String(64))
    finished_at = Column(DateTime)
