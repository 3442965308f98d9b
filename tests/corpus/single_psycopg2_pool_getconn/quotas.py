from psycopg2.pool import ThreadedConnectionPool
from sqlalchemy.orm import Session

pool = ThreadedConnectionPool(1, 10, "postgresql://quota@localhost/quota")


def consume_quota(session: Session, tenant_id: int, units: int) -> None:
    session.add(UsageEvent(tenant_id=tenant_id, units=units))
    conn = pool.getconn()  # expect: TXM001
    try:
        with conn.cursor() as cur:
            cur.execute("UPDATE quotas SET used = used + %s WHERE tenant_id = %s", (units, tenant_id))
        conn.commit()
    finally:
        pool.putconn(conn)
    session.commit()


class UsageEvent:
    def __init__(self, tenant_id: int, units: int) -> None:
        self.tenant_id, self.units = tenant_id, units
