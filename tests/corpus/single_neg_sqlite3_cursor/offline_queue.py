import sqlite3

from sqlalchemy.orm import Session


def flush_offline_queue(session: Session, path: str) -> int:
    local = sqlite3.connect(path)
    cur = local.cursor()
    cur.execute("SELECT payload FROM queue ORDER BY id")
    rows = cur.fetchall()
    for (payload,) in rows:
        session.add(Event(payload=payload))
    session.commit()
    cur.execute("DELETE FROM queue")
    local.commit()
    local.close()
    return len(rows)


class Event:
    def __init__(self, payload: str) -> None:
        self.payload = payload
