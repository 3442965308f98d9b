import psycopg2
from fastapi import Depends, FastAPI
from sqlalchemy import create_engine
from sqlalchemy.orm import Session, sessionmaker

DSN = "postgresql://ship@localhost/ship"
SessionLocal = sessionmaker(bind=create_engine(DSN))
app = FastAPI()


def get_db():
    with SessionLocal() as db:
        yield db


def carrier_rate(zone: str, weight_g: int) -> int:
    conn = psycopg2.connect(DSN)
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT cents FROM carrier_rates WHERE zone = %s AND %s <= max_weight_g ORDER BY max_weight_g LIMIT 1", (zone, weight_g))
            return cur.fetchone()[0]
    finally:
        conn.close()


@app.post("/parcels")
def create_parcel(zone: str, weight_g: int, db: Session = Depends(get_db)):
    parcel = Parcel(zone=zone, weight_g=weight_g)
    parcel.price_cents = carrier_rate(zone, weight_g)  # expect: TXM001
    db.add(parcel)
    db.commit()
    return {"price_cents": parcel.price_cents}


class Parcel:
    def __init__(self, zone: str, weight_g: int) -> None:
        self.zone, self.weight_g, self.price_cents = zone, weight_g, 0
