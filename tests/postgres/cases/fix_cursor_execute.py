"""TXM001 with a module-level psycopg2 connection used through ``conn.cursor().execute``."""

import os

import psycopg2
from sqlalchemy.orm import Session

conn = psycopg2.connect(os.environ["TXMIX_PROOF_DSN"])


def sell(db: Session, order, sql, sku):
    db.add(order)
    conn.cursor().execute(sql, (1, sku))
    conn.commit()
