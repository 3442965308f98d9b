import psycopg
from sqlalchemy.orm import Session

CONNINFO = "postgresql://bank@localhost/bank"


class Account:
    id: int
    balance: int


def close_account(session: Session, account: Account) -> None:
    session.delete(account)
    with psycopg.connect(CONNINFO) as conn:  # expect: TXM002
        conn.execute("INSERT INTO closed_accounts (account_id, final_balance) VALUES (%s, %s)", (account.id, account.balance))
    session.commit()
