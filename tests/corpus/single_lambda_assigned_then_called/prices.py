import psycopg2
from sqlalchemy.orm import Session


def reprice(session: Session, skus: list[str]) -> None:
    fetch_cost = lambda sku: psycopg2.connect("dbname=erp").cursor()
    for sku in skus:
        product = session.get(Product, sku)
        cur = fetch_cost(sku)  # expect: TXM001
        cur.execute("SELECT cost FROM purchase_costs WHERE sku = %s", (sku,))
        product.price = round(cur.fetchone()[0] * 1.3, 2)
    session.commit()


class Product:
    price: float
