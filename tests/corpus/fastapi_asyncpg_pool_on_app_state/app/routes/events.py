from datetime import datetime

from fastapi import APIRouter, Depends, Request
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import get_session
from app.models import Event

router = APIRouter(prefix="/events")


@router.post("/")
async def create_event(request: Request, title: str, venue: str, starts_at: datetime, session: AsyncSession = Depends(get_session)):
    event = Event(title=title, venue=venue, starts_at=starts_at)
    session.add(event)
    await session.flush()
    async with request.app.state.pool.acquire() as conn:  # expect: TXM003
        await conn.execute("INSERT INTO event_search (event_id, document) VALUES ($1, to_tsvector($2))", event.id, f"{title} {venue}")
    await session.commit()
    return {"id": event.id}


@router.get("/")
async def list_events(session: AsyncSession = Depends(get_session)):
    result = await session.scalars(select(Event).order_by(Event.starts_at))
    return [{"id": e.id, "title": e.title} for e in result]


@router.get("/search")
async def search_events(request: Request, q: str):
    async with request.app.state.pool.acquire() as conn:
        rows = await conn.fetch("SELECT event_id FROM event_search WHERE document @@ plainto_tsquery($1)", q)
    return [r["event_id"] for r in rows]
