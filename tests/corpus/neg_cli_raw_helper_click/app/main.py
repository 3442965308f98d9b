from fastapi import Depends, FastAPI
from sqlalchemy.orm import Session

from app.db import get_db
from app.models import Tenant

app = FastAPI()


@app.post("/tenants")
def create_tenant(slug: str, db: Session = Depends(get_db)):
    tenant = Tenant(slug=slug)
    db.add(tenant)
    db.commit()
    return {"id": tenant.id}
