"""TXM006 on a real PostgreSQL: a declared helper's connection commits on its own.

TXM006 has no automatic fix (txmix cannot know what a team's helper returns); the proof shows
the hazard the rule reports, and that the rule fires only once the helper is declared.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from cli_helpers import run_txmix
from postgres.pg_server import PgServer
from postgres.proof import CASES, _load
from postgres.shop import Order, committed_state


def test_declared_helper_write_survives_the_session_rollback(shop: PgServer, tmp_path: Path) -> None:
    for name in ("txm006_declared.py", "shop_helpers.py"):
        shutil.copy(CASES / name, tmp_path / name)
    (tmp_path / "pyproject.toml").write_text('[tool.txmix]\nraw-connection-factories = ["shop_helpers.raw_conn"]\n')
    code, out, _ = run_txmix(["check", "txm006_declared.py"], tmp_path)
    assert code == 1 and " TXM006 " in out
    code, out, _ = run_txmix(["check", "--isolated", "txm006_declared.py"], tmp_path)
    assert " TXM006 " not in out  # undeclared: not a declared factory...
    assert code == 1 and " TXM001 " in out and "in `raw_conn` (shop_helpers.py:7)" in out  # ...but followed into the helper
    module = _load(tmp_path / "txm006_declared.py", "txmix_proof_txm006")
    engine = create_engine(shop.url())
    with Session(engine) as db:
        module.sell(db, shop.dsn, Order(sku="widget"), "widget")
        db.rollback()
    state = committed_state(shop.dsn)
    assert state == (0, 9)
    print(f"TXM006 half-persisted: after rollback {state} (no automatic fix: suggestion only)")
