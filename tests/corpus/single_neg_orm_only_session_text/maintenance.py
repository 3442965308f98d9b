from sqlalchemy import text
from sqlalchemy.orm import Session


def recount_followers(session: Session) -> None:
    session.execute(text("UPDATE users u SET followers = (SELECT count(*) FROM follows f WHERE f.followee_id = u.id)"))
    conn = session.connection()
    conn.exec_driver_sql("ANALYZE users")
    session.commit()
