from sqlalchemy import Column, Date, Integer, String
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class Cohort(Base):
    __tablename__ = "cohorts"
    id = Column(Integer, primary_key=True)
    name = Column(String(64))
    week = Column(Date)
    size = Column(Integer)
