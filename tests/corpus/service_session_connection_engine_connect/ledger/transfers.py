from sqlalchemy.orm import Session

from ledger.audit import write_audit
from ledger.models import Transfer


def transfer(session: Session, source: str, target: str, amount) -> Transfer:
    t = Transfer(source=source, target=target, amount=amount)
    session.add(t)
    session.flush()
    write_audit(session, "transfer", t.id)  # expect: TXM005
    session.commit()
    return t
