from sqlalchemy.orm import Session


def decrement_stock(db: Session, sku: str, quantity: int) -> None:
    """Runs on the session's own DBAPI connection, so it commits with the order."""
    cur = db.connection().connection.cursor()
    cur.execute("UPDATE stock SET quantity = quantity - %s WHERE sku = %s", (quantity, sku))


def stock_level(conn, sku: str) -> int:
    cur = conn.cursor()
    cur.execute("SELECT quantity FROM stock WHERE sku = %s", (sku,))
    return cur.fetchone()[0]
