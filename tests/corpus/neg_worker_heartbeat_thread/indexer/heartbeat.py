import os
import time

import psycopg2

from indexer.db import DSN


def heartbeat(worker_name: str, interval: float = 10.0) -> None:
    conn = psycopg2.connect(DSN)
    conn.autocommit = True
    while True:
        with conn.cursor() as cur:
            cur.execute(
                "INSERT INTO worker_heartbeats (name, pid, seen_at) VALUES (%s, %s, now()) ON CONFLICT (name) DO UPDATE SET seen_at = now()",
                (worker_name, os.getpid()),
            )
        time.sleep(interval)
