"""The placeholder converter's output returns what the driver's own call returned, on PostgreSQL."""

from __future__ import annotations

import asyncio

import asyncpg
import psycopg2
import pytest
from sqlalchemy import create_engine, text

from postgres.pg_server import PgServer
from txmix_hook.fixes.sql_params import convert, verbatim

PSYCOPG_CASES = [
    ("SELECT '100%%'", None),
    ("SELECT '100%%', %s::int + 1, ':x', '%%s'", (41,)),
    ("SELECT %(a)s::text || %(b)s || %(a)s", {"a": "x", "b": "y"}),
    ("SELECT $$ :q %%s $$, %s -- 50%% :c", ("z",)),
]


@pytest.mark.parametrize("driver", ["psycopg2", "psycopg"])
@pytest.mark.parametrize(("sql", "params"), PSYCOPG_CASES)
def test_psycopg_sql_means_the_same_through_text(pg: PgServer, driver: str, sql: str, params) -> None:  # type: ignore[no-untyped-def]
    raw = psycopg2.connect(pg.dsn)
    cur = raw.cursor()
    cur.execute(sql, params) if params is not None else cur.execute(sql)
    expected = cur.fetchone()
    raw.close()
    converted = convert(sql, "pyformat") if params is not None else verbatim(sql)
    bound = params if isinstance(params, dict) else {name: params[n - 1] for name, n in zip(converted.names, converted.numbers, strict=True)} if params else {}
    engine = create_engine(pg.url(driver))
    with engine.connect() as conn:
        got = tuple(conn.execute(text(converted.sql), bound).one())
    engine.dispose()
    assert got == expected


def test_asyncpg_sql_means_the_same_through_text(pg: PgServer) -> None:
    from sqlalchemy.ext.asyncio import create_async_engine

    sql, args = "SELECT $2::int - $1, ':x', $$ $1 $$, '%s'", (1, 43)

    async def compare() -> tuple[tuple, tuple]:  # type: ignore[type-arg]
        conn = await asyncpg.connect(pg.dsn)
        expected = tuple(await conn.fetchrow(sql, *args))
        await conn.close()
        converted = convert(sql, "numeric")
        engine = create_async_engine(pg.url("asyncpg"))
        async with engine.connect() as session_conn:
            got = tuple((await session_conn.execute(text(converted.sql), {name: args[n - 1] for name, n in zip(converted.names, converted.numbers, strict=True)})).one())
        await engine.dispose()
        return expected, got

    expected, got = asyncio.run(compare())
    assert got == expected
