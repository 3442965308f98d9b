from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from ..db import get_session, pg_pool
from ..models import Note

router = APIRouter(prefix="/notes")


@router.post("/")
def create_note(owner: str, body: str, session: Session = Depends(get_session)):
    note = Note(owner=owner, body=body)
    session.add(note)
    session.flush()
    with pg_pool.connection() as conn:  # expect: TXM002
        conn.execute("UPDATE note_counts SET n = n + 1 WHERE owner = %s", (owner,))
    session.commit()
    return {"id": note.id}


@router.get("/{note_id}")
def read_note(note_id: int, session: Session = Depends(get_session)):
    return session.get(Note, note_id)
