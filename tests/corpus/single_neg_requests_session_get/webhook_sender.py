import psycopg2
import requests


def deliver_pending() -> None:
    session = requests.Session()
    conn = psycopg2.connect("dbname=hooks")
    with conn, conn.cursor() as cur:
        cur.execute("SELECT id, url, body FROM outbox WHERE delivered_at IS NULL LIMIT 100")
        for hook_id, url, body in cur.fetchall():
            session.post(url, data=body, timeout=5)
            session.get(url + "/ack", timeout=5)
            cur.execute("UPDATE outbox SET delivered_at = now() WHERE id = %s", (hook_id,))
    conn.close()
