import io

from sqlalchemy import create_engine
from sqlalchemy.orm import Session

engine = create_engine("postgresql+psycopg2://etl@localhost/etl")


def load_prices(rows: list[tuple[str, float]]) -> None:
    with Session(engine) as session:
        session.execute(Price.__table__.delete())
        raw = engine.raw_connection()  # expect: TXM004
        try:
            buf = io.StringIO("".join(f"{sku}\t{price}\n" for sku, price in rows))
            raw.cursor().copy_from(buf, "prices", columns=("sku", "price"))
            raw.commit()
        finally:
            raw.close()
        session.commit()


class Price:
    __table__ = None
