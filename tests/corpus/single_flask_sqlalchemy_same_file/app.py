import psycopg2
from flask import Flask, jsonify, request
from flask_sqlalchemy import SQLAlchemy

app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = "postgresql://events@localhost/events"
db = SQLAlchemy(app)


class Rsvp(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    event_id = db.Column(db.Integer, nullable=False)
    email = db.Column(db.String(255), nullable=False)


@app.route("/events/<int:event_id>/rsvp", methods=["POST"])
def rsvp(event_id: int):
    db.session.add(Rsvp(event_id=event_id, email=request.form["email"]))
    conn = psycopg2.connect(app.config["SQLALCHEMY_DATABASE_URI"])  # expect: TXM001
    with conn, conn.cursor() as cur:
        cur.execute("UPDATE events SET seats_left = seats_left - 1 WHERE id = %s", (event_id,))
    conn.close()
    db.session.commit()
    return jsonify(ok=True)
