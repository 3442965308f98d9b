"""TXM005 on a real PostgreSQL: `with engine.begin()` commits on its own; the fix shares."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from postgres.pg_server import PgServer
from postgres.proof import prepare
from postgres.shop import Order, committed_state, reset


def test_engine_begin_commits_what_the_session_rolls_back(shop: PgServer, tmp_path: Path) -> None:
    proof = prepare("txm005_engine_begin", "TXM005", tmp_path)
    engine = create_engine(shop.url())
    with Session(engine) as db:
        proof.bad.close_day(db, engine, Order(sku="widget"), "widget")
        db.rollback()
    before = committed_state(shop.dsn)
    assert before == (0, 0), "half a request persisted: the stock was zeroed, the order is gone"
    reset(shop.dsn)
    with Session(engine) as db:
        proof.fixed.close_day(db, engine, Order(sku="widget"), "widget")
        db.rollback()
    after = committed_state(shop.dsn)
    assert after == (0, 10)
    assert "conn = db.connection()" in proof.fixed_source
    print(f"TXM005 half-persisted: after rollback {before}; after txmix's fix: {after}")
