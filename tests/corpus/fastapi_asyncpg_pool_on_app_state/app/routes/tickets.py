from fastapi import APIRouter, Depends, HTTPException, Request
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import get_session
from app.models import Event, Ticket

router = APIRouter(prefix="/tickets")


@router.post("/{event_id}")
async def buy_ticket(event_id: int, email: str, request: Request, session: AsyncSession = Depends(get_session)):
    pool = request.app.state.pool
    async with pool.acquire() as conn:  # expect: TXM003
        sold = await conn.fetchval("SELECT count(*) FROM tickets WHERE event_id = $1", event_id)
    if sold >= 500:
        raise HTTPException(409, "sold out")
    event = await session.get(Event, event_id)
    ticket = Ticket(event_id=event.id, holder_email=email)
    session.add(ticket)
    await session.commit()
    return {"ticket": ticket.id}
