import psycopg2

from exporter.db import DSN


def copy_customers(path: str) -> None:
    conn = psycopg2.connect(DSN)
    try:
        with conn.cursor() as cur, open(path, "w") as out:
            cur.copy_expert("COPY customers TO STDOUT WITH CSV HEADER", out)
    finally:
        conn.close()
