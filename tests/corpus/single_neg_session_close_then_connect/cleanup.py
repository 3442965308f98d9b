import psycopg2
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

engine = create_engine("postgresql://media@localhost/media")


def purge_orphans() -> int:
    session = Session(engine)
    orphans = session.query(Attachment).filter(Attachment.post_id.is_(None)).all()
    for a in orphans:
        session.delete(a)
    session.commit()
    session.close()
    conn = psycopg2.connect("dbname=media")
    conn.autocommit = True
    conn.cursor().execute("VACUUM attachments")
    conn.close()
    return len(orphans)


class Attachment:
    post_id = None
