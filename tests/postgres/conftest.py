"""The PostgreSQL server every proof runs against, and a fresh shop schema per test.

When the server binaries are missing on a developer's machine the proofs skip with the
install command; CI sets TXMIX_REQUIRE_POSTGRES=1 so they can never be skipped there.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text

from postgres.pg_server import PgServer, ServerUnavailable, start_server
from postgres.shop import Base


@pytest.fixture(scope="session")
def pg() -> Iterator[PgServer]:
    try:
        server = start_server()
    except ServerUnavailable as exc:
        if os.environ.get("TXMIX_REQUIRE_POSTGRES"):
            pytest.fail(f"PostgreSQL is required here: {exc}")
        pytest.skip(str(exc))
    yield server
    server.stop()


@pytest.fixture()
def shop(pg: PgServer) -> Iterator[PgServer]:
    """Orders empty, ten of SKU 'widget' in stock."""
    engine = create_engine(pg.url())
    with engine.begin() as conn:
        Base.metadata.drop_all(conn)
        Base.metadata.create_all(conn)
        conn.execute(text("INSERT INTO stock (sku, quantity) VALUES ('widget', 10)"))
    engine.dispose()
    yield pg
