import psycopg

CONNINFO = "postgresql://files@localhost/files"


def analyze_tables(tables: list[str]) -> None:
    with psycopg.connect(CONNINFO, autocommit=True) as conn:
        for table in tables:
            conn.execute(f"ANALYZE {table}")
