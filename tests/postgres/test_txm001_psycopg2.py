"""TXM001 on a real PostgreSQL: all three symptoms happen, and txmix's fix removes each."""

from __future__ import annotations

from pathlib import Path

import psycopg2.errors
import pytest
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from postgres.pg_server import PgServer
from postgres.proof import prepare, rolled_back_state
from postgres.shop import Order, committed_state, reset


@pytest.fixture()
def proof(tmp_path: Path):  # type: ignore[no-untyped-def]
    return prepare("txm001_psycopg2", "TXM001", tmp_path)


def test_raw_read_misses_the_pending_orm_write(shop: PgServer, proof) -> None:  # type: ignore[no-untyped-def]
    engine = create_engine(shop.url())
    with Session(engine) as db:
        before = proof.bad.create_order(db, shop.dsn, Order(sku="widget"), "widget")
        db.rollback()
    assert before == 0, "the psycopg2 connection cannot see the order the session has added"
    reset(shop.dsn)
    with Session(engine) as db:
        after = proof.fixed.create_order(db, shop.dsn, Order(sku="widget"), "widget")
        db.rollback()
    assert after == 1, "after the fix the raw SQL runs on the session's connection and sees it"
    print(f"TXM001 invisible write: the raw read saw {before} of 1 pending order; after txmix's fix: {after}")


def test_session_rollback_leaves_the_raw_write_committed(shop: PgServer, proof) -> None:  # type: ignore[no-untyped-def]
    engine = create_engine(shop.url())

    def request(module) -> None:  # type: ignore[no-untyped-def]
        with Session(engine) as db:
            module.create_order(db, shop.dsn, Order(sku="widget"), "widget")
            db.rollback()  # the request fails after the raw part

    before, after = rolled_back_state(shop.dsn, lambda: request(proof.bad), lambda: request(proof.fixed))
    assert before == (0, 9), "half a request persisted: no order, but the stock went down"
    assert after == (0, 10), "after the fix the rollback undoes both sides"
    print(f"TXM001 half-persisted: after the session's rollback (orders, stock) = {before}; after txmix's fix: {after}")


def test_raw_update_blocks_on_the_row_the_session_holds(shop: PgServer, proof) -> None:  # type: ignore[no-untyped-def]
    engine = create_engine(shop.url())
    with Session(engine) as db:
        with pytest.raises(psycopg2.errors.LockNotAvailable):
            proof.bad.restock_then_sell(db, shop.dsn, "widget")
        db.rollback()
    assert committed_state(shop.dsn) == (0, 10)
    with Session(engine) as db:
        proof.fixed.restock_then_sell(db, shop.dsn, "widget")
    after = committed_state(shop.dsn)
    assert after == (0, 14), "fixed: one transaction, nothing blocks: 10 + 5 - 1"
    print(f"TXM001 lock wait: the raw UPDATE waited on the session's row lock until lock_timeout (LockNotAvailable); after txmix's fix it completes: (orders, stock) = {after}")


def test_the_fix_is_what_the_docs_promise(proof) -> None:  # type: ignore[no-untyped-def]
    assert "    db.flush()\n    conn = db.connection().connection\n" in proof.fixed_source
    assert "conn.commit()" not in proof.fixed_source and "with conn:" not in proof.fixed_source
    # restock_then_sell only executes literal SQL: it moves onto the session (execute-on-session)
    assert "    db.execute(text('UPDATE stock SET quantity = quantity - 1 WHERE sku = :p1'), {\"p1\": sku})\n" in proof.fixed_source
