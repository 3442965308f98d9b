import psycopg

CONNINFO = "postgresql://quiz:quiz@localhost/quiz"


async def add_points(player: str, points: int) -> None:
    async with await psycopg.AsyncConnection.connect(CONNINFO) as conn:
        await conn.execute("UPDATE scoreboard SET points = points + %s WHERE player = %s", (points, player))
