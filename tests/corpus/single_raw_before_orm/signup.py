import psycopg2
from sqlalchemy.orm import Session

DSN = "postgresql://auth@localhost/auth"


def register(session: Session, email: str) -> None:
    conn = psycopg2.connect(DSN)  # expect: TXM001
    with conn.cursor() as cur:
        cur.execute("INSERT INTO email_blocklist_checks (email) VALUES (%s)", (email,))
    conn.commit()
    conn.close()
    session.add(User(email=email))
    session.commit()


class User:
    def __init__(self, email: str) -> None:
        self.email = email
