from etl.db import engine


def vacuum_staging() -> None:
    raw = engine.raw_connection()
    try:
        raw.set_isolation_level(0)
        raw.cursor().execute("VACUUM ANALYZE staging_rows")
    finally:
        raw.close()
