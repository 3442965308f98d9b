import psycopg2

from app.database import DSN, engine


def store_positions(vehicle_id: int, points: list[tuple[float, float]]) -> None:
    conn = psycopg2.connect(DSN)
    with conn, conn.cursor() as cur:
        cur.executemany(
            "INSERT INTO positions (vehicle_id, lat, lon) VALUES (%s, %s, %s)", [(vehicle_id, lat, lon) for lat, lon in points]
        )
    conn.close()


def refresh_fleet_view() -> None:
    raw = engine.raw_connection()
    try:
        raw.cursor().execute("REFRESH MATERIALIZED VIEW fleet_positions_latest")
        raw.commit()
    finally:
        raw.close()
