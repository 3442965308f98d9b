"""``TxMixMiddleware`` on a FastAPI app (ASGI, through its TestClient) and a Flask app (WSGI,
through its test client): findings are logged per request on ``txmix.runtime``."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import asyncpg
import psycopg2
import pytest
from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient
from flask import Flask
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
from sqlalchemy.orm import Session

from postgres.pg_server import PgServer
from postgres.shop import Order, committed_state
from runtime.conftest import line_of
from txmix_hook import runtime
from txmix_hook.runtime import TxMixError, TxMixMiddleware
from txmix_hook.runtime.middleware import AsgiTxMixMiddleware, WsgiTxMixMiddleware

HERE = __file__


def fastapi_app(dsn: str, url: str, async_url: str) -> FastAPI:
    engine = create_engine(url)
    async_engine = create_async_engine(async_url)
    app = FastAPI()

    def get_db() -> Iterator[Session]:
        with Session(engine) as db:
            yield db

    @app.post("/orders")
    def create_order(db: Session = Depends(get_db)) -> dict[str, int]:  # noqa: B008
        db.add(Order(sku="widget"))
        db.flush()
        raw = psycopg2.connect(dsn)
        with raw, raw.cursor() as cur:
            cur.execute("UPDATE stock SET quantity = quantity - 1 WHERE sku = 'widget'")  # fastapi-raw
        raw.close()
        db.commit()
        return {"ok": 1}

    @app.post("/orders-async")
    async def create_order_async() -> dict[str, int]:
        async with AsyncSession(async_engine) as db:
            db.add(Order(sku="widget"))
            await db.flush()
            conn = await asyncpg.connect(dsn)
            await conn.execute("UPDATE stock SET quantity = quantity - 1 WHERE sku = 'widget'")  # fastapi-async-raw
            await conn.close()
            await db.commit()
        return {"ok": 1}

    @app.post("/orders-safe")
    def create_order_safe(db: Session = Depends(get_db)) -> dict[str, int]:  # noqa: B008
        db.add(Order(sku="widget"))
        db.execute(text("UPDATE stock SET quantity = quantity - 1 WHERE sku = 'widget'"))
        db.commit()
        return {"orders": db.scalar(select(func.count()).select_from(Order)) or 0}

    app.add_middleware(TxMixMiddleware)
    return app


def logged(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "txmix.runtime"]


def test_fastapi_requests_that_mix_are_logged_with_the_request(shop: PgServer, guarded, caplog) -> None:  # type: ignore[no-untyped-def]
    caplog.set_level(logging.WARNING, logger="txmix.runtime")
    with TestClient(fastapi_app(shop.dsn, shop.url(), shop.url("asyncpg"))) as client:
        assert client.post("/orders-safe").json() == {"orders": 1}
        assert logged(caplog) == []
        assert client.post("/orders").status_code == 200
        assert client.post("/orders-async").status_code == 200
    first, second = logged(caplog)
    assert first.startswith("TXM001 ") and first.endswith("[request POST /orders]")
    assert f"test_middleware.py:{line_of(HERE, 'fastapi-raw')} in create_order " in first
    assert second.startswith("TXM003 ") and second.endswith("[request POST /orders-async]")
    assert f"test_middleware.py:{line_of(HERE, 'fastapi-async-raw')} in create_order_async " in second
    assert [f.rule for f in guarded] == ["TXM001", "TXM003"]


def test_fastapi_in_error_mode_fails_the_request_before_the_raw_write(shop: PgServer, strict, caplog) -> None:  # type: ignore[no-untyped-def]
    with TestClient(fastapi_app(shop.dsn, shop.url(), shop.url("asyncpg"))) as client, pytest.raises(TxMixError):
        client.post("/orders")
    assert committed_state(shop.dsn) == (0, 10)
    assert len(logged(caplog)) == 1


def flask_app(dsn: str, url: str) -> Flask:
    engine = create_engine(url)
    app = Flask(__name__)

    @app.post("/orders")
    def create_order() -> dict[str, int]:
        with Session(engine) as db:
            db.add(Order(sku="widget"))
            db.flush()
            raw = psycopg2.connect(dsn)
            raw.cursor().execute("SELECT count(*) FROM orders")  # flask-raw
            raw.close()
            db.commit()
        return {"ok": 1}

    @app.get("/stock")
    def stock() -> dict[str, int]:
        raw = psycopg2.connect(dsn)  # no session in this request: silent
        cur = raw.cursor()
        cur.execute("SELECT quantity FROM stock")
        quantity = cur.fetchone()[0]
        raw.close()
        return {"quantity": quantity}

    app.wsgi_app = TxMixMiddleware(app.wsgi_app)  # type: ignore[method-assign]
    return app


def test_flask_requests_that_mix_are_logged_with_the_request(shop: PgServer, guarded, caplog) -> None:  # type: ignore[no-untyped-def]
    caplog.set_level(logging.WARNING, logger="txmix.runtime")
    client = flask_app(shop.dsn, shop.url()).test_client()
    assert client.get("/stock").json == {"quantity": 10}
    assert client.post("/orders").json == {"ok": 1}
    [message] = logged(caplog)
    assert message.startswith("TXM001 ") and message.endswith("[request POST /orders]")
    assert f"test_middleware.py:{line_of(HERE, 'flask-raw')} in create_order " in message


def test_the_middleware_picks_asgi_or_wsgi_and_installs_the_guard() -> None:
    async def asgi_app(scope: object, receive: object, send: object) -> None: ...

    def wsgi_app(environ: object, start_response: object) -> list[bytes]:
        return []

    try:
        assert isinstance(TxMixMiddleware(asgi_app), AsgiTxMixMiddleware)
        assert runtime.installed()
        assert isinstance(TxMixMiddleware(wsgi_app, mode="error"), WsgiTxMixMiddleware)
        assert isinstance(TxMixMiddleware(asgi_app, interface="wsgi"), WsgiTxMixMiddleware)
        from txmix_hook.runtime.reporting import current_mode

        assert current_mode() == "error"
    finally:
        runtime.uninstall()
