"""TXM005 on a real PostgreSQL: `with engine.begin()` commits on its own; the fix shares."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from postgres.pg_server import PgServer
from postgres.proof import prepare, rolled_back_state
from postgres.shop import Order


def test_engine_begin_commits_what_the_session_rolls_back(shop: PgServer, tmp_path: Path) -> None:
    proof = prepare("txm005_engine_begin", "TXM005", tmp_path)
    engine = create_engine(shop.url())

    def request(module) -> None:  # type: ignore[no-untyped-def]
        with Session(engine) as db:
            module.close_day(db, engine, Order(sku="widget"), "widget")
            db.rollback()

    before, after = rolled_back_state(shop.dsn, lambda: request(proof.bad), lambda: request(proof.fixed))
    assert before == (0, 0), "half a request persisted: the stock was zeroed, the order is gone"
    assert after == (0, 10)
    assert "conn = db.connection()" in proof.fixed_source
    print(f"TXM005 half-persisted: after rollback {before}; after txmix's fix: {after}")
