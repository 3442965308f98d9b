"""TXM001 at run time: a psycopg2 connection of its own beside a Session's open work."""

from __future__ import annotations

import psycopg2
import psycopg2.extras
import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from postgres.pg_server import PgServer
from postgres.shop import Order, Stock, committed_state
from runtime.conftest import assert_site
from txmix_hook.runtime import TxMixError

HERE = __file__


def test_raw_read_beside_pending_orm_write_is_reported_with_both_sites(shop: PgServer, guarded) -> None:  # type: ignore[no-untyped-def]
    engine = create_engine(shop.url())
    with Session(engine) as db:
        db.add(Order(sku="widget"))  # orm-began
        db.flush()  # orm-flushed
        raw = psycopg2.connect(shop.dsn)
        with raw.cursor() as cur:
            cur.execute("SELECT count(*) FROM orders")  # raw-read
            assert cur.fetchone() == (0,)
        raw.close()
        db.rollback()
    [finding] = guarded
    assert finding.rule == "TXM001" and finding.statement == "SELECT count(*) FROM orders"
    assert_site(finding.raw_site, HERE, "raw-read")
    assert_site(finding.began_at, HERE, "orm-began")
    assert_site(finding.last_wrote_at, HERE, "orm-flushed")
    assert "orm-and-psycopg2-in-one-scope" in finding.message()


def test_pending_add_without_flush_already_counts(shop: PgServer, guarded) -> None:  # type: ignore[no-untyped-def]
    with Session(create_engine(shop.url())) as db:
        db.add(Order(sku="widget"))  # only-added
        raw = psycopg2.connect(shop.dsn)
        raw.cursor().execute("SELECT 1")
        raw.close()
    [finding] = guarded
    assert_site(finding.began_at, HERE, "only-added")
    assert finding.last_wrote_at is None


def test_error_mode_stops_the_raw_write_before_it_runs(shop: PgServer, strict) -> None:  # type: ignore[no-untyped-def]
    raw = psycopg2.connect(shop.dsn)
    with Session(create_engine(shop.url())) as db:
        db.add(Order(sku="widget"))
        db.flush()
        with pytest.raises(TxMixError) as raised, raw.cursor() as cur:
            cur.execute("UPDATE stock SET quantity = quantity - 1 WHERE sku = 'widget'")
        raw.commit()
        db.rollback()
    raw.close()
    assert raised.value.finding.rule == "TXM001"
    assert committed_state(shop.dsn) == (0, 10), "the half-persisted write never happened"


def test_user_connection_and_cursor_classes_keep_working(shop: PgServer, guarded) -> None:  # type: ignore[no-untyped-def]
    with Session(create_engine(shop.url())) as db:
        db.execute(select(Stock)).all()
        dict_conn = psycopg2.connect(shop.dsn, connection_factory=psycopg2.extras.RealDictConnection)
        with dict_conn.cursor() as cur:
            cur.execute("SELECT sku FROM stock")
            assert cur.fetchone() == {"sku": "widget"}
        named = psycopg2.connect(shop.dsn, cursor_factory=psycopg2.extras.NamedTupleCursor)
        with named.cursor() as cur:
            cur.execute("SELECT quantity FROM stock")
            assert cur.fetchone().quantity == 10
        with named.cursor(cursor_factory=psycopg2.extras.DictCursor) as cur:
            psycopg2.extras.execute_values(cur, "SELECT * FROM (VALUES %s) v", [(1,), (2,)])
            assert cur.fetchall()[1]["column1"] == 2
        dict_conn.close()
        named.close()
    assert [f.statement[:10] for f in guarded] == ["SELECT sku", "SELECT qua", "SELECT * F"]
    assert isinstance(dict_conn, psycopg2.extras.RealDictConnection)


def test_statements_outside_the_sessions_work_are_silent(shop: PgServer, strict) -> None:  # type: ignore[no-untyped-def]
    engine = create_engine(shop.url())
    raw = psycopg2.connect(shop.dsn)
    raw.cursor().execute("SELECT 1")  # before any session work
    with Session(engine) as db:
        db.add(Order(sku="widget"))
        db.commit()
        raw.cursor().execute("SELECT 2")  # after the commit, before the next transaction
    with Session(engine) as db:
        db.execute(select(Order)).all()
        db.rollback()
        raw.cursor().execute("SELECT 3")  # after the rollback
    with Session(engine) as db:
        db.execute(select(Order)).all()
    raw.cursor().execute("SELECT 4")  # after close()
    raw.close()
    assert strict == []


def test_a_savepoint_ending_leaves_the_outer_transaction_open(shop: PgServer, guarded) -> None:  # type: ignore[no-untyped-def]
    with Session(create_engine(shop.url())) as db:
        db.execute(select(Order)).all()
        with db.begin_nested():
            db.add(Order(sku="widget"))
        savepoint = db.begin_nested()
        savepoint.rollback()
        raw = psycopg2.connect(shop.dsn)
        raw.cursor().execute("SELECT 1")
        raw.close()
    assert [f.rule for f in guarded] == ["TXM001"]


def test_unflushed_work_ends_when_the_session_drops_it(shop: PgServer, guarded) -> None:  # type: ignore[no-untyped-def]
    raw = psycopg2.connect(shop.dsn)
    db = Session(create_engine(shop.url()))
    first, second = Order(sku="widget"), Order(sku="widget")
    db.add_all([first, second])
    db.expunge(first)
    raw.cursor().execute("SELECT 1")  # one object still pending: reported
    db.close()  # drops the other, with no transaction to end
    raw.cursor().execute("SELECT 2")  # silent
    raw.close()
    assert [f.statement for f in guarded] == ["SELECT 1"]
