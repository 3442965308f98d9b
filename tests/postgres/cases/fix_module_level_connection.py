"""TXM002 with the psycopg connection opened at module level and a computed statement."""

import os

import psycopg
from sqlalchemy.orm import Session

conn = psycopg.connect(os.environ["TXMIX_PROOF_DSN"])


def sell(db: Session, order, sql, sku):
    db.add(order)
    conn.execute(sql, (1, sku))
    conn.commit()
