from fastapi import Depends, FastAPI
from sqlalchemy.orm import Session

from ratings.aggregates import recompute_average
from ratings.db import get_session
from ratings.models import Review

app = FastAPI()


@app.post("/products/{sku}/reviews")
def add_review(sku: str, stars: int, session: Session = Depends(get_session)):
    session.add(Review(product_sku=sku, stars=stars))
    session.flush()
    recompute_average(sku)  # expect: TXM005
    session.commit()
    return {"ok": True}
