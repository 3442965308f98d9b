import psycopg
from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

SessionLocal = sessionmaker(bind=create_engine("postgresql+psycopg://logs@localhost/logs"))


def rotate_partitions(month: str) -> None:
    with SessionLocal() as session:
        session.add(RotationRun(month=month))
        session.commit()
    with psycopg.connect("postgresql://logs@localhost/logs", autocommit=True) as conn:
        conn.execute(f"DROP TABLE IF EXISTS logs_{month}_old")


class RotationRun:
    def __init__(self, month: str) -> None:
        self.month = month
