from heroes.database import engine


def copy_power_levels(rows: list[tuple[int, int]]) -> None:
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        cur.executemany("UPDATE hero SET power = %s WHERE id = %s", [(p, i) for i, p in rows])
        raw.commit()
    finally:
        raw.close()
