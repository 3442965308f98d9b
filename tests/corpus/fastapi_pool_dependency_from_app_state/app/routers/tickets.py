from fastapi import APIRouter, Depends
from psycopg_pool import ConnectionPool
from sqlalchemy.orm import Session

from app.deps import get_db, get_pool
from app.models import Ticket

router = APIRouter(prefix="/tickets")


@router.post("/")
def open_ticket(subject: str, body: str, db: Session = Depends(get_db), pool: ConnectionPool = Depends(get_pool)):
    ticket = Ticket(subject=subject, body=body)
    db.add(ticket)
    db.flush()
    with pool.connection() as conn:  # expect: TXM002
        conn.execute("INSERT INTO sla_timers (ticket_id, due_at) VALUES (%s, now() + interval '4 hours')", (ticket.id,))
    db.commit()
    return {"id": ticket.id}


@router.get("/overdue")
def overdue(pool: ConnectionPool = Depends(get_pool)):
    with pool.connection() as conn:
        return [r[0] for r in conn.execute("SELECT ticket_id FROM sla_timers WHERE due_at < now()").fetchall()]
