"""The fixes issue 11 corrected, run on a real PostgreSQL: each fixed module still runs its SQL,
now inside the session's transaction, so the session's rollback undoes it.

- a sync ``sessionmaker`` session inside ``async def`` (TXM003): the fix calls it without ``await``;
- a psycopg connection opened at module level (TXM002): the statement is kept, on the session's connection;
- a module-level psycopg2 connection used through ``conn.cursor().execute`` (TXM001): the cursor is kept.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from postgres.pg_server import PgServer
from postgres.proof import prepare, rolled_back_state
from postgres.shop import Order

UPDATE = "UPDATE stock SET quantity = quantity - %s WHERE sku = %s"


def test_sync_session_inside_async_def_is_fixed_without_await(shop: PgServer, tmp_path: Path) -> None:
    proof = prepare("fix_sync_session_in_async_def", "TXM003", tmp_path)
    assert "await session" not in proof.fixed_source
    assert "    session.flush()\n    session.execute(\n        text(" in proof.fixed_source  # wrapped: one line passes 88
    engine = create_engine(shop.url())

    def request(module) -> None:  # type: ignore[no-untyped-def]
        module.SessionLocal.configure(bind=engine)
        asyncio.run(module.sell(shop.dsn, Order(sku="widget"), "widget"))

    before, after = rolled_back_state(shop.dsn, lambda: request(proof.bad), lambda: request(proof.fixed))
    engine.dispose()
    assert before == (0, 9), "half a request persisted: asyncpg autocommitted its UPDATE"
    assert after == (0, 10)
    print(f"sync session in async def: after rollback {before}; after txmix's fix: {after}")


@pytest.mark.parametrize(
    ("case", "rule", "driver", "kept"),
    [
        ("fix_module_level_connection", "TXM002", "psycopg", "    db.connection().connection.driver_connection.execute(sql, (1, sku))\n"),
        ("fix_cursor_execute", "TXM001", "psycopg2", "    db.connection().connection.cursor().execute(sql, (1, sku))\n"),
    ],
)
def test_a_module_level_connection_keeps_its_statement_and_joins_the_session(
    shop: PgServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str, rule: str, driver: str, kept: str
) -> None:
    monkeypatch.setenv("TXMIX_PROOF_DSN", shop.dsn)
    proof = prepare(case, rule, tmp_path)
    assert kept in proof.fixed_source and "conn.commit()" not in proof.fixed_source
    engine = create_engine(shop.url(driver))

    def request(module) -> None:  # type: ignore[no-untyped-def]
        with Session(engine) as db:
            module.sell(db, Order(sku="widget"), UPDATE, "widget")
            db.rollback()

    try:
        before, after = rolled_back_state(shop.dsn, lambda: request(proof.bad), lambda: request(proof.fixed))
    finally:
        proof.bad.conn.close()
        proof.fixed.conn.close()
        engine.dispose()
    assert before == (0, 9), "half a request persisted: the module-level connection committed"
    assert after == (0, 10)
    print(f"{rule} {case}: after rollback {before}; after txmix's fix: {after}")
