from sqlalchemy import SmallInteger, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Review(Base):
    __tablename__ = "reviews"
    id: Mapped[int] = mapped_column(primary_key=True)
    product_sku: Mapped[str] = mapped_column(String(32), index=True)
    stars: Mapped[int] = mapped_column(SmallInteger)
