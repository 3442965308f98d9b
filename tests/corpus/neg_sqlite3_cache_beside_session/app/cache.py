import sqlite3

CACHE_PATH = "/var/cache/app/geo.sqlite3"


def lookup_country(ip: str) -> str | None:
    conn = sqlite3.connect(CACHE_PATH)
    try:
        cur = conn.cursor()
        cur.execute("SELECT country FROM ip_country WHERE ip = ?", (ip,))
        row = cur.fetchone()
        return row[0] if row else None
    finally:
        conn.close()
