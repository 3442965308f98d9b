from shop.extensions import db


class Subscription(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, nullable=False, index=True)
    plan = db.Column(db.String(32), nullable=False)
    active = db.Column(db.Boolean, default=True)
