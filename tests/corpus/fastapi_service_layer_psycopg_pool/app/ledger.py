from decimal import Decimal

from app.core.pool import pool


def post_entry(account: str, amount: Decimal, memo: str) -> int:
    with pool.connection() as conn:
        row = conn.execute(
            "INSERT INTO ledger_entries (account, amount, memo) VALUES (%s, %s, %s) RETURNING id",
            (account, amount, memo),
        ).fetchone()
    return row[0]
