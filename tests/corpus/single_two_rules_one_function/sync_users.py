import psycopg2
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

engine = create_engine("postgresql://idp@localhost/idp")


def sync_users(session: Session, users: list[dict]) -> None:
    for u in users:
        session.merge(User(**u))
    raw = engine.raw_connection()  # expect: TXM004
    raw.cursor().execute("REFRESH MATERIALIZED VIEW user_directory")
    raw.commit()
    legacy = psycopg2.connect("dbname=idp")  # expect: TXM001
    legacy.cursor().execute("UPDATE sync_state SET finished_at = now()")
    legacy.commit()
    session.commit()


class User:
    def __init__(self, **kw) -> None:
        self.__dict__.update(kw)
