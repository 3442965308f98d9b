import pg8000.native
from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

SessionLocal = sessionmaker(bind=create_engine("postgresql://billing@localhost/billing"))


def vendor_conn():
    return pg8000.native.Connection("billing", host="localhost", database="billing")


def close_period(period: str) -> None:
    with SessionLocal() as session:
        session.add(ClosedPeriod(period=period))
        conn = vendor_conn()  # expect: TXM006
        conn.run("UPDATE invoices SET locked = true WHERE period = :p", p=period)
        conn.close()
        session.commit()


class ClosedPeriod:
    def __init__(self, period: str) -> None:
        self.period = period
