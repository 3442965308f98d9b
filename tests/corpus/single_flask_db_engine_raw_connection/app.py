from flask import Flask, jsonify
from flask_sqlalchemy import SQLAlchemy

app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = "postgresql://forum@localhost/forum"
db = SQLAlchemy(app)


@app.post("/threads/<int:thread_id>/lock")
def lock_thread(thread_id: int):
    db.session.execute(db.text("UPDATE threads SET locked = true WHERE id = :id"), {"id": thread_id})
    raw = db.engine.raw_connection()  # expect: TXM004
    try:
        raw.cursor().execute("NOTIFY thread_locked, %s", (str(thread_id),))
        raw.commit()
    finally:
        raw.close()
    db.session.commit()
    return jsonify(locked=True)
