from store.extensions import db


class Cart(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, nullable=False)
    checked_out = db.Column(db.Boolean, default=False)


class CartItem(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    cart_id = db.Column(db.Integer, db.ForeignKey("cart.id"))
    sku = db.Column(db.String(32))
    quantity = db.Column(db.Integer)
    price_cents = db.Column(db.Integer)
