from tracker.extensions import db


class Issue(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(200), nullable=False)
    state = db.Column(db.String(16), default="open")
    assignee = db.Column(db.String(64))
