from sqlalchemy import String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Score(Base):
    __tablename__ = "scores"
    id: Mapped[int] = mapped_column(primary_key=True)
    match_id: Mapped[int]
    team: Mapped[str] = mapped_column(String(40))
    points: Mapped[int] = mapped_column(default=0)
