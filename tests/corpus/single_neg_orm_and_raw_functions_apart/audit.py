import psycopg2
from sqlalchemy.orm import Session

DSN = "postgresql://audit@localhost/audit"


def save_setting(session: Session, key: str, value: str) -> None:
    session.merge(Setting(key=key, value=value))
    session.commit()


def export_audit_trail(path: str) -> None:
    conn = psycopg2.connect(DSN)
    with conn.cursor() as cur, open(path, "w") as fh:
        cur.copy_expert("COPY audit_trail TO STDOUT WITH CSV", fh)
    conn.close()


class Setting:
    def __init__(self, key: str, value: str) -> None:
        self.key, self.value = key, value
