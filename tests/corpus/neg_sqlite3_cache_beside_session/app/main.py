import sqlite3

from fastapi import Depends, FastAPI, Request
from sqlalchemy.orm import Session

from app.cache import CACHE_PATH, lookup_country
from app.db import get_db
from app.models import Visit

app = FastAPI()


@app.post("/visits")
def record_visit(request: Request, db: Session = Depends(get_db)):
    ip = request.client.host
    country = lookup_country(ip)
    db.add(Visit(ip=ip, country=country))
    local = sqlite3.connect(CACHE_PATH)
    local.execute("UPDATE hit_counter SET hits = hits + 1")
    local.commit()
    local.close()
    db.commit()
    return {"country": country}
