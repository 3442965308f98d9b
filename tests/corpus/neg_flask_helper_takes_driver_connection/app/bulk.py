def renumber_positions(conn, list_id: int) -> None:
    """conn is the session's own driver connection, handed in by the caller."""
    with conn.cursor() as cur:
        cur.execute(
            "UPDATE task t SET position = s.rn FROM (SELECT id, row_number() OVER (ORDER BY position) rn FROM task WHERE list_id = %s) s WHERE s.id = t.id",
            (list_id,),
        )
