from sqlalchemy.orm import Session


def apply_adjustment(conn, sku: str, delta: int) -> None:
    cur = conn.cursor()
    cur.execute("UPDATE stock SET quantity = quantity + %s WHERE sku = %s", (delta, sku))


def adjust(session: Session, sku: str, delta: int, reason: str) -> None:
    session.add(StockMovement(sku=sku, delta=delta, reason=reason))
    session.flush()
    apply_adjustment(session.connection().connection, sku, delta)
    session.commit()


class StockMovement:
    def __init__(self, **kw) -> None:
        self.__dict__.update(kw)
