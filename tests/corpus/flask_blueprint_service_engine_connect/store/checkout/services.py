from store.extensions import db
from store.models import Cart, CartItem
from store.payments import record_ledger


def checkout(cart_id: int) -> int:
    cart = db.session.get(Cart, cart_id)
    items = CartItem.query.filter_by(cart_id=cart_id).all()
    total = sum(i.price_cents * i.quantity for i in items)
    cart.checked_out = True
    record_ledger(cart.id, total)  # expect: TXM005
    db.session.commit()
    return total
