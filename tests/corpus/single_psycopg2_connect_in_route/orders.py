import psycopg2
from fastapi import Depends, FastAPI
from sqlalchemy import create_engine
from sqlalchemy.orm import Session, declarative_base, sessionmaker
from sqlalchemy import Column, Integer, String

DSN = "postgresql://shop@localhost/shop"
engine = create_engine(DSN)
SessionLocal = sessionmaker(bind=engine)
Base = declarative_base()
app = FastAPI()


class Order(Base):
    __tablename__ = "orders"
    id = Column(Integer, primary_key=True)
    sku = Column(String(32))


def get_db():
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()


@app.post("/orders")
def create_order(sku: str, db: Session = Depends(get_db)):
    order = Order(sku=sku)
    db.add(order)
    conn = psycopg2.connect(DSN)  # expect: TXM001
    with conn.cursor() as cur:
        cur.execute("UPDATE stock SET quantity = quantity - 1 WHERE sku = %s", (sku,))
    conn.commit()
    conn.close()
    db.commit()
    return {"id": order.id}
