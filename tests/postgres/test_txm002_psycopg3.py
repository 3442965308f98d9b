"""TXM002 on a real PostgreSQL: both fix kinds (execute-on-session, share-connection) proven."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from postgres.pg_server import PgServer
from postgres.proof import prepare, rolled_back_state
from postgres.shop import Order


@pytest.fixture()
def proof(tmp_path: Path):  # type: ignore[no-untyped-def]
    return prepare("txm002_psycopg3", "TXM002", tmp_path)


def test_session_rollback_leaves_the_psycopg3_write_committed(shop: PgServer, proof) -> None:  # type: ignore[no-untyped-def]
    engine = create_engine(shop.url("psycopg"))

    def request(module) -> None:  # type: ignore[no-untyped-def]
        with Session(engine) as db:
            module.sell(db, shop.dsn, Order(sku="widget"), "widget")
            db.rollback()

    before, after = rolled_back_state(shop.dsn, lambda: request(proof.bad), lambda: request(proof.fixed))
    assert before == (0, 9), "half a request persisted"
    assert after == (0, 10)
    assert "db.execute(\n        text('UPDATE stock SET quantity = quantity - :p1 WHERE sku = :p2'),\n        {\"p1\": 1, \"p2\": sku},\n    )" in proof.fixed_source  # wrapped at 88
    print(f"TXM002 half-persisted (execute-on-session fix): after rollback {before}; after txmix's fix: {after}")


def test_psycopg3_read_misses_the_pending_orm_write(shop: PgServer, proof) -> None:  # type: ignore[no-untyped-def]
    engine = create_engine(shop.url("psycopg"))
    sql = "SELECT count(*) FROM orders"
    with Session(engine) as db:
        before = proof.bad.count_pending(db, shop.dsn, Order(sku="widget"), sql)
        db.rollback()
    with Session(engine) as db:
        after = proof.fixed.count_pending(db, shop.dsn, Order(sku="widget"), sql)
        db.rollback()
    assert (before, after) == (0, 1)
    assert "conn = db.connection().connection.driver_connection" in proof.fixed_source
    print(f"TXM002 invisible write (share-connection fix): raw read saw {before} of 1; after txmix's fix: {after}")
