from sqlalchemy import Boolean, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Notification(Base):
    __tablename__ = "notifications"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int]
    text: Mapped[str] = mapped_column(String(500))
    delivered: Mapped[bool] = mapped_column(Boolean, default=False)
