from wiki.extensions import db


class Page(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    slug = db.Column(db.String(120), unique=True, nullable=False)
    content = db.Column(db.Text, nullable=False, default="")
    revision = db.Column(db.Integer, nullable=False, default=1)
