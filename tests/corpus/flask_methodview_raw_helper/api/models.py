from api.extensions import db


class Employee(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(120), nullable=False)
    department_id = db.Column(db.Integer, nullable=False)
    salary = db.Column(db.Numeric(10, 2))
