from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy.orm import Session

from app.audit import log_event
from app.db import get_db
from app.models import Membership

router = APIRouter(prefix="/teams")


@router.post("/{team_id}/transfer-ownership")
def transfer_ownership(team_id: int, from_user: int, to_user: int, db: Session = Depends(get_db)):
    old = db.query(Membership).filter_by(team_id=team_id, user_id=from_user, role="owner").first()
    if old is None:
        raise HTTPException(404)
    log_event("ownership.requested", team=team_id, by=from_user)  # expect: TXM001
    new = db.query(Membership).filter_by(team_id=team_id, user_id=to_user).first()
    old.role, new.role = "admin", "owner"
    log_event("ownership.transferred", team=team_id, to=to_user)
    db.commit()
    return {"owner": to_user}
