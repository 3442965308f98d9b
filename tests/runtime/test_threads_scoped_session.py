"""Threads with ``scoped_session``: each thread's session is tracked in that thread only."""

from __future__ import annotations

import threading

import psycopg2
from sqlalchemy import create_engine, select
from sqlalchemy.orm import scoped_session, sessionmaker

from postgres.pg_server import PgServer
from postgres.shop import Order, Stock
from runtime.conftest import assert_only_finding

HERE = __file__


def test_a_raw_statement_in_one_thread_is_not_blamed_on_another_threads_session(shop: PgServer, guarded) -> None:  # type: ignore[no-untyped-def]
    Db = scoped_session(sessionmaker(create_engine(shop.url())))
    session_open, raw_done = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def with_session() -> None:
        try:
            Db.add(Order(sku="widget"))  # thread-began
            Db.flush()
            session_open.set()
            raw_done.wait(10)
            raw = psycopg2.connect(shop.dsn)
            raw.cursor().execute("SELECT count(*) FROM orders")  # thread-raw
            raw.close()
            Db.rollback()
        except BaseException as exc:  # noqa: BLE001  (re-raised in the test's thread)
            errors.append(exc)
        finally:
            session_open.set()
            Db.remove()

    def raw_only() -> None:
        try:
            session_open.wait(10)
            raw = psycopg2.connect(shop.dsn)
            raw.cursor().execute("SELECT 1")  # the other thread's session is open, not this one's
            raw.close()
            Db.execute(select(Stock)).all()  # this thread's own scoped session
            Db.rollback()
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            raw_done.set()
            Db.remove()

    threads = [threading.Thread(target=with_session), threading.Thread(target=raw_only)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not errors, errors
    assert_only_finding(guarded, "TXM001", HERE, "thread-raw", "thread-began")
