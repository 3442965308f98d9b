from sqlalchemy import Column, Date, Integer, String
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class ReportRun(Base):
    __tablename__ = "report_runs"
    id = Column(Integer, primary_key=True)
    name = Column(String(64))
    day = Column(Date)
    rows = Column(Integer)
