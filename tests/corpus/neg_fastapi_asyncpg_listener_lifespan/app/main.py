from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI
from sqlalchemy import delete

from app.broadcast import fan_out
from app.db import PG_DSN, SessionLocal
from app.models import Score


@asynccontextmanager
async def lifespan(app: FastAPI):
    listener = await asyncpg.connect(PG_DSN)
    await listener.add_listener("score_changed", fan_out)
    async with SessionLocal() as session:
        await session.execute(delete(Score).where(Score.points < 0))
        await session.commit()
    app.state.listener = listener
    yield
    await listener.remove_listener("score_changed", fan_out)
    await listener.close()


app = FastAPI(lifespan=lifespan)


@app.post("/matches/{match_id}/score")
async def add_points(match_id: int, team: str, points: int):
    async with SessionLocal() as session:
        session.add(Score(match_id=match_id, team=team, points=points))
        await session.commit()
    return {"ok": True}
