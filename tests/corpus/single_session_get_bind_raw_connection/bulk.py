from sqlalchemy.orm import Session


def bulk_upsert_users(session: Session, users: list[dict]) -> None:
    session.add_all([AuditEntry(action="bulk_upsert", count=len(users))])
    raw = session.get_bind().raw_connection()  # expect: TXM004
    try:
        cur = raw.cursor()
        cur.executemany(
            "INSERT INTO users (email, name) VALUES (%(email)s, %(name)s) ON CONFLICT (email) DO UPDATE SET name = EXCLUDED.name", users
        )
        raw.commit()
    finally:
        raw.close()
    session.commit()


class AuditEntry:
    def __init__(self, action: str, count: int) -> None:
        self.action = action
        self.count = count
