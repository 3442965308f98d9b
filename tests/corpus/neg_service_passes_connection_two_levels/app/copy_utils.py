import io


def copy_rows(dbapi_conn, table: str, rows: list[tuple]) -> None:
    buf = io.StringIO("".join("\t".join(map(str, r)) + "\n" for r in rows))
    dbapi_conn.cursor().copy_from(buf, table)
