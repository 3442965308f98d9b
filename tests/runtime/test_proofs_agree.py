"""The static rules and the run-time guard agree on the proofs' own cases: each bad case is
reported at run time with the rule id ``txmix check`` gives it, and each case as txmix's fix
leaves it runs silent under the guard in error mode."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
from sqlalchemy import create_engine
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
from sqlalchemy.orm import Session

from postgres.pg_server import PgServer
from postgres.proof import CASES, _load, prepare
from postgres.shop import Order
from txmix_hook import runtime


def sync_call(driver: str, call: Callable[[ModuleType, Session, PgServer], object]) -> Callable[[ModuleType, PgServer], None]:
    def run(module: ModuleType, pg: PgServer) -> None:
        engine = create_engine(pg.url(driver))
        with Session(engine) as db:
            call(module, db, pg)
            db.rollback()
        engine.dispose()

    return run


def async_call(module: ModuleType, pg: PgServer) -> None:
    async def main() -> None:
        engine = create_async_engine(pg.url("asyncpg"))
        async with AsyncSession(engine) as db:
            await module.sell(db, pg.dsn, Order(sku="widget"), "widget")
            await db.rollback()
        await engine.dispose()

    asyncio.run(main())


CASES_BY_RULE = {
    "TXM001": ("txm001_psycopg2", sync_call("psycopg2", lambda m, db, pg: m.create_order(db, pg.dsn, Order(sku="widget"), "widget"))),
    "TXM002": ("txm002_psycopg3", sync_call("psycopg", lambda m, db, pg: m.sell(db, pg.dsn, Order(sku="widget"), "widget"))),
    "TXM003": ("txm003_asyncpg", async_call),
    "TXM004": ("txm004_raw_connection", sync_call("psycopg2", lambda m, db, pg: m.count_pending(db, db.get_bind(), Order(sku="widget"), "widget"))),
    "TXM005": ("txm005_engine_begin", sync_call("psycopg2", lambda m, db, pg: m.close_day(db, db.get_bind(), Order(sku="widget"), "widget"))),
}


@pytest.mark.parametrize("rule", sorted(CASES_BY_RULE))
def test_bad_case_reported_with_the_static_rule_id_and_fixed_case_silent(rule: str, shop: PgServer, tmp_path: Path) -> None:
    case, run = CASES_BY_RULE[rule]
    proof = prepare(case, rule, tmp_path)  # asserts `txmix check` reports `rule` on the bad case
    with runtime.guard("warn") as found, pytest.warns(runtime.TxMixWarning):
        run(proof.bad, shop)
    assert found and {f.rule for f in found} == {rule}
    assert all(Path(f.raw_site.path).resolve() == (tmp_path / "bad" / f"{case}.py").resolve() for f in found)
    with runtime.guard("error") as found_after_fix:
        run(proof.fixed, shop)
    assert found_after_fix == []


def test_a_declared_raw_connection_factory_is_reported_as_its_drivers_rule(shop: PgServer, tmp_path: Path) -> None:
    for name in ("txm006_declared.py", "shop_helpers.py"):
        shutil.copy(CASES / name, tmp_path / name)
    module = _load(tmp_path / "txm006_declared.py", "txmix_runtime_txm006")
    with runtime.guard("warn") as found, pytest.warns(runtime.TxMixWarning):
        sync_call("psycopg2", lambda m, db, pg: m.sell(db, pg.dsn, Order(sku="widget"), "widget"))(module, shop)
    [finding] = found
    assert finding.rule == "TXM001"
    assert finding.raw_site.function == "sell" and finding.raw_site.path.endswith("txm006_declared.py")
