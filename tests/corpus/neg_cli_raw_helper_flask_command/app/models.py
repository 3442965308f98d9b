from app.extensions import db


class Course(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(200))
    enrolled = db.Column(db.Integer, default=0)
