from app.db import pg_pool


def full_text_search(q: str) -> list[int]:
    conn = pg_pool.getconn()
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT id FROM articles WHERE to_tsvector(body) @@ plainto_tsquery(%s) LIMIT 50", (q,))
            return [r[0] for r in cur.fetchall()]
    finally:
        pg_pool.putconn(conn)
