from fastapi import APIRouter, Depends
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.database import get_db
from app.models import Customer
from app.reports import top_customers

router = APIRouter(prefix="/customers", tags=["customers"])


@router.get("/top")
def list_top_customers(limit: int = 10, db: Session = Depends(get_db)):
    ranking = top_customers(limit)  # expect: TXM005
    ids = [row["customer_id"] for row in ranking]
    customers = db.scalars(select(Customer).where(Customer.id.in_(ids))).all()
    names = {c.id: c.name for c in customers}
    return [{"name": names.get(r["customer_id"]), "spent": float(r["spent"])} for r in ranking]


@router.get("/{customer_id}")
def read_customer(customer_id: int, db: Session = Depends(get_db)):
    return db.get(Customer, customer_id)
