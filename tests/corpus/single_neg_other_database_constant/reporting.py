import psycopg2
from sqlalchemy.orm import Session

REPLICA_DSN = "postgresql://ro@replica/shop"


def monthly_report(session: Session, month: str) -> dict:
    replica = psycopg2.connect(REPLICA_DSN)
    with replica.cursor() as cur:
        cur.execute("SELECT count(*), sum(total) FROM orders WHERE to_char(created_at, 'YYYY-MM') = %s", (month,))
        count, total = cur.fetchone()
    replica.close()
    session.add(ReportSnapshot(month=month, orders=count, total=total))
    session.commit()
    return {"orders": count, "total": total}


class ReportSnapshot:
    def __init__(self, **kw) -> None:
        self.__dict__.update(kw)
