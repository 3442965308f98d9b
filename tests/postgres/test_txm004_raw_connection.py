"""TXM004 on a real PostgreSQL: engine.raw_connection() is another connection; the fix shares."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from postgres.pg_server import PgServer
from postgres.proof import prepare
from postgres.shop import Order


def test_raw_connection_read_misses_the_pending_orm_write(shop: PgServer, tmp_path: Path) -> None:
    proof = prepare("txm004_raw_connection", "TXM004", tmp_path)
    engine = create_engine(shop.url())
    with Session(engine) as db:
        before = proof.bad.count_pending(db, engine, Order(sku="widget"), "widget")
        db.rollback()
    with Session(engine) as db:
        after = proof.fixed.count_pending(db, engine, Order(sku="widget"), "widget")
        db.rollback()
    assert (before, after) == (0, 1)
    assert "raw = db.connection().connection" in proof.fixed_source and "raw.close()" not in proof.fixed_source
    print(f"TXM004 invisible write: raw_connection() read saw {before} of 1; after txmix's fix: {after}")
