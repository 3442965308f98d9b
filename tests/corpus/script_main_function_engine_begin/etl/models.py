from sqlalchemy import Date, Integer, Numeric
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class DailyRevenue(Base):
    __tablename__ = "daily_revenue"
    day = mapped_column(Date, primary_key=True)
    orders: Mapped[int] = mapped_column(Integer)
    revenue = mapped_column(Numeric(14, 2))
