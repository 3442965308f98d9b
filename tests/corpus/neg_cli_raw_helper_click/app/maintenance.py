import psycopg2

from app.db import DSN


def reindex_all() -> None:
    conn = psycopg2.connect(DSN)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'")
        for (name,) in cur.fetchall():
            cur.execute(f'REINDEX INDEX CONCURRENTLY "{name}"')
    conn.close()
