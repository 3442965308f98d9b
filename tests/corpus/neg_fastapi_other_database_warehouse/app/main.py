from fastapi import Depends, FastAPI
from sqlalchemy.orm import Session

from app.database import get_db
from app.models import Signup
from app.warehouse import push_event

app = FastAPI()


@app.post("/signups")
def signup(email: str, source: str = "web", db: Session = Depends(get_db)):
    db.add(Signup(email=email, source=source))
    push_event("signup", email, source)
    db.commit()
    return {"ok": True}
