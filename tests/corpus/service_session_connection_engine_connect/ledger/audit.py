from sqlalchemy import text
from sqlalchemy.orm import Session


def write_audit(session: Session, event: str, ref: int) -> None:
    engine = session.connection().engine
    with engine.connect() as conn:
        conn.execute(text("INSERT INTO audit (event, ref) VALUES (:e, :r)"), {"e": event, "r": ref})
        conn.commit()
