"""Engine and session factory shared by the example endpoints."""

from collections.abc import Iterator

from sqlalchemy import create_engine
from sqlalchemy.orm import Session, sessionmaker

DSN = "postgresql://localhost/shop"
engine = create_engine(DSN.replace("postgresql://", "postgresql+psycopg2://"))
SessionLocal = sessionmaker(engine)


def get_db() -> Iterator[Session]:
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()
