from datetime import datetime, timedelta

from psycopg2.pool import ThreadedConnectionPool
from sqlalchemy.orm import Session

from orders.models import Order


class OrderRepository:
    def __init__(self, session: Session, pool: ThreadedConnectionPool):
        self.session = session
        self.pool = pool

    def _copy_to_archive(self, order_ids: list[int]) -> None:
        conn = self.pool.getconn()
        try:
            with conn.cursor() as cur:
                cur.execute("INSERT INTO orders_archive SELECT * FROM orders WHERE id = ANY(%s)", (order_ids,))
            conn.commit()
        finally:
            self.pool.putconn(conn)

    def archive_closed(self, older_than_days: int = 90) -> int:
        cutoff = datetime.utcnow() - timedelta(days=older_than_days)
        old = self.session.query(Order).filter(Order.status == "closed", Order.closed_at < cutoff).all()
        ids = [o.id for o in old]
        self._copy_to_archive(ids)  # expect: TXM001
        for order in old:
            self.session.delete(order)
        self.session.commit()
        return len(ids)

    def by_reference(self, reference: str) -> Order | None:
        return self.session.query(Order).filter_by(reference=reference).one_or_none()
