import psycopg2

from catalog.db import DSN


def _connect():
    return psycopg2.connect(DSN)


def _supplier_prices(supplier_code: str) -> dict:
    conn = _connect()
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT sku, price FROM supplier_feed WHERE supplier = %s", (supplier_code,))
            return dict(cur.fetchall())
    finally:
        conn.close()


def latest_prices(supplier_code: str) -> dict:
    prices = _supplier_prices(supplier_code)
    return {sku: round(price * 1.2, 2) for sku, price in prices.items()}
