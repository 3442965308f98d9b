import json

import psycopg2

AUDIT_DSN = "postgresql://acl@localhost/acl"


def log_event(kind: str, **data) -> None:
    conn = psycopg2.connect(AUDIT_DSN)
    try:
        with conn.cursor() as cur:
            cur.execute("INSERT INTO audit_events (kind, data) VALUES (%s, %s)", (kind, json.dumps(data)))
        conn.commit()
    finally:
        conn.close()
