import psycopg
from psycopg.rows import dict_row


def top_pages(limit: int = 10) -> list[dict]:
    with psycopg.connect("dbname=analytics", row_factory=dict_row) as conn:
        return conn.execute("SELECT path, hits FROM page_hits ORDER BY hits DESC LIMIT %s", (limit,)).fetchall()


def bump(path: str) -> None:
    with psycopg.connect("dbname=analytics") as conn:
        conn.execute("INSERT INTO page_hits (path, hits) VALUES (%s, 1) ON CONFLICT (path) DO UPDATE SET hits = page_hits.hits + 1", (path,))
