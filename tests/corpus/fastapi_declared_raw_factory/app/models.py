from sqlalchemy import Column, Date, Integer, Numeric
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class Payslip(Base):
    __tablename__ = "payslips"
    id = Column(Integer, primary_key=True)
    employee_id = Column(Integer, nullable=False)
    period = Column(Date, nullable=False)
    gross = Column(Numeric(10, 2))
