from app.pg import get_pg


def seats_left(event_id: int) -> int:
    cur = get_pg().cursor()
    cur.execute("SELECT capacity - (SELECT count(*) FROM guest WHERE event_id = %s) FROM events WHERE id = %s", (event_id, event_id))
    return cur.fetchone()[0]
