from typing import Optional

import psycopg
from sqlalchemy.orm import Session

from billing.db import SessionLocal
from billing.models import Credit

CONNINFO = "postgresql://billing@localhost/billing"


def grant_credit(customer: str, amount, session: Optional[Session] = None) -> Credit:
    own = session is None
    session = session or SessionLocal()
    credit = Credit(customer=customer, amount=amount)
    session.add(credit)
    with psycopg.connect(CONNINFO) as conn:  # expect: TXM002
        conn.execute("UPDATE customer_balances SET balance = balance + %s WHERE customer = %s", (amount, customer))
    session.commit()
    if own:
        session.close()
    return credit


def revoke_credit(credit_id: int, session: Session | None = None) -> None:
    session = session or SessionLocal()
    credit = session.get(Credit, credit_id)
    session.delete(credit)
    session.commit()
