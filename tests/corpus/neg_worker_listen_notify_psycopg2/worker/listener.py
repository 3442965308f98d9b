import select

import psycopg2
import psycopg2.extensions

from worker.db import DSN


def listen(channel: str):
    """A dedicated autocommit connection that only waits for NOTIFY."""
    conn = psycopg2.connect(DSN)
    conn.set_isolation_level(psycopg2.extensions.ISOLATION_LEVEL_AUTOCOMMIT)
    conn.cursor().execute(f"LISTEN {channel}")
    while True:
        if select.select([conn], [], [], 5.0) == ([], [], []):
            continue
        conn.poll()
        while conn.notifies:
            yield conn.notifies.pop(0).payload
