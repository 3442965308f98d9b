import psycopg

from app.db import PG_CONNINFO


def member_has_overdue(member_id: int) -> bool:
    with psycopg.connect(PG_CONNINFO) as conn:
        row = conn.execute("SELECT 1 FROM loan WHERE member_id = %s AND due < current_date LIMIT 1", (member_id,)).fetchone()
    return row is not None
