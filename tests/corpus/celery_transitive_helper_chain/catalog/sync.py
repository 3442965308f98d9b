from sqlalchemy import select
from sqlalchemy.orm import Session

from catalog.models import Product
from catalog.pricing import latest_prices


def sync_supplier(session: Session, supplier_code: str) -> int:
    products = session.scalars(select(Product).where(Product.supplier_code == supplier_code)).all()
    prices = latest_prices(supplier_code)  # expect: TXM001
    changed = 0
    for product in products:
        new_price = prices.get(product.sku)
        if new_price is not None and new_price != product.price:
            product.price = new_price
            changed += 1
    session.flush()
    return changed
