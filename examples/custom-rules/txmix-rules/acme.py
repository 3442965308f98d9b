"""Annotated cases for ACME001, picked up by `txmix rule test` beside acme.yaml."""

from acme.db import get_raw_conn, uow
from sqlalchemy.orm import Session


def nightly_batch():
    with uow() as tx:
        tx.query(object).all()
        # ruleid: ACME001
        get_raw_conn().cursor().execute("DELETE FROM scratch")


def report_only():
    # ok: ACME001
    return get_raw_conn().cursor().execute("SELECT 1")


def plain_session(db: Session):
    db.add(object())
    # ruleid: ACME001
    with get_raw_conn() as conn:
        conn.cursor().execute("SELECT 1")
