from app.pg import pool


def _fetch_rate_rows(hotel_id: int):
    conn = pool.getconn()
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT night, amount FROM hotel_rates WHERE hotel_id = %s", (hotel_id,))
            return cur.fetchall()
    finally:
        pool.putconn(conn)


def _nightly_rates(hotel_id: int) -> dict:
    return {night: amount for night, amount in _fetch_rate_rows(hotel_id)}


def quote(hotel_id: int, check_in, nights: int):
    rates = _nightly_rates(hotel_id)
    return sum(rates.get(i % 7, 100) for i in range(nights))
