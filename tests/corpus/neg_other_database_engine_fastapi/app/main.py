from fastapi import Depends, FastAPI
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.db import get_db, search_engine
from app.models import Posting

app = FastAPI()


@app.post("/postings")
def create_posting(title: str, description: str, db: Session = Depends(get_db)):
    posting = Posting(title=title, description=description)
    db.add(posting)
    db.flush()
    with search_engine.begin() as conn:
        conn.execute(text("INSERT INTO documents (ref, body) VALUES (:r, :b)"), {"r": f"posting:{posting.id}", "b": description})
    db.commit()
    return {"id": posting.id}
