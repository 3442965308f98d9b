from sqlalchemy import create_engine
from sqlalchemy.orm import Session

engine = create_engine("postgresql://acc@localhost/acc")


def _next_number(prefix: str) -> str:
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        cur.execute("UPDATE invoice_sequences SET last = last + 1 WHERE prefix = %s RETURNING last", (prefix,))
        raw.commit()
        return f"{prefix}-{cur.fetchone()[0]:06d}"
    finally:
        raw.close()


def allocate_number(year: int) -> str:
    return _next_number(f"INV{year}")


def issue(session: Session, invoice, year: int) -> None:
    session.add(invoice)
    invoice.number = allocate_number(year)  # expect: TXM004
    session.commit()
