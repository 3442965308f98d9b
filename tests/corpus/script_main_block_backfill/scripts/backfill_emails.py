"""Backfill accounts.normalized_email, then rebuild the lookup index.

Usage: python -m scripts.backfill_emails
"""

import logging

import psycopg2

from app.db import DATABASE_URL, SessionLocal
from app.models import Account

log = logging.getLogger(__name__)


def normalize(email: str) -> str:
    local, _, domain = email.partition("@")
    return f"{local.split('+')[0].lower()}@{domain.lower()}"


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    session = SessionLocal()
    accounts = session.query(Account).filter(Account.normalized_email.is_(None)).all()
    for account in accounts:
        account.normalized_email = normalize(account.email)
    log.info("normalized %d accounts", len(accounts))
    conn = psycopg2.connect(DATABASE_URL)  # expect: TXM001
    conn.autocommit = True
    conn.cursor().execute("REINDEX INDEX CONCURRENTLY accounts_normalized_email_idx")
    session.commit()
    session.close()
