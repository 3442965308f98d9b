"""The tiny shop schema the proofs run on, and how they read the truth afterwards."""

from __future__ import annotations

import psycopg2
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Order(Base):
    __tablename__ = "orders"
    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str]


class Stock(Base):
    __tablename__ = "stock"
    sku: Mapped[str] = mapped_column(primary_key=True)
    quantity: Mapped[int]


def committed_state(dsn: str) -> tuple[int, int]:
    """(orders, widget stock) as a fresh connection sees them: what is really committed."""
    with psycopg2.connect(dsn) as conn, conn.cursor() as cur:
        cur.execute("SELECT count(*) FROM orders")
        orders = cur.fetchone()[0]
        cur.execute("SELECT quantity FROM stock WHERE sku = 'widget'")
        stock = cur.fetchone()[0]
    conn.close()
    return orders, stock


def reset(dsn: str) -> None:
    """Back to the starting state between the bad run and the fixed run."""
    with psycopg2.connect(dsn) as conn, conn.cursor() as cur:
        cur.execute("DELETE FROM orders")
        cur.execute("UPDATE stock SET quantity = 10 WHERE sku = 'widget'")
    conn.close()
