import psycopg2

from app.config import WAREHOUSE_DSN


def push_event(event: str, email: str, source: str) -> None:
    conn = psycopg2.connect(WAREHOUSE_DSN)
    try:
        with conn.cursor() as cur:
            cur.execute("INSERT INTO raw_events (event, email, source) VALUES (%s, %s, %s)", (event, email, source))
        conn.commit()
    finally:
        conn.close()
