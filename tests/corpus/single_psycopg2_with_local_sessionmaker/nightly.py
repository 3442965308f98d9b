import psycopg2 as pg
from sqlalchemy import create_engine, text
from sqlalchemy.orm import sessionmaker

DSN = "postgresql://ops@localhost/ops"
SessionLocal = sessionmaker(bind=create_engine(DSN))


def purge_expired_tokens() -> None:
    with SessionLocal() as s:
        s.execute(text("DELETE FROM api_tokens WHERE expires_at < now()"))
        with pg.connect(DSN) as c:  # expect: TXM001
            c.cursor().execute("DELETE FROM refresh_tokens WHERE revoked")
        s.commit()
