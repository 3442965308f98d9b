from fastapi import Depends, FastAPI, HTTPException
from sqlmodel import Session, select

from heroes.bulk import copy_power_levels
from heroes.database import create_db_and_tables, get_session
from heroes.models import Hero, Team

app = FastAPI()


@app.on_event("startup")
def on_startup() -> None:
    create_db_and_tables()


@app.post("/teams/{team_id}/power-levels")
def set_power_levels(team_id: int, levels: dict[int, int], session: Session = Depends(get_session)):
    team = session.get(Team, team_id)
    if not team:
        raise HTTPException(status_code=404, detail="Team not found")
    heroes = session.exec(select(Hero).where(Hero.team_id == team_id)).all()
    known = {h.id for h in heroes}
    copy_power_levels([(i, p) for i, p in levels.items() if i in known])  # expect: TXM004
    team.headquarters = team.headquarters.strip()
    session.add(team)
    session.commit()
    return {"updated": len(known)}


@app.get("/heroes/")
def read_heroes(offset: int = 0, limit: int = 100, session: Session = Depends(get_session)):
    return session.exec(select(Hero).offset(offset).limit(limit)).all()
