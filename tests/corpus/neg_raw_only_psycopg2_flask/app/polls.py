from flask import Blueprint, jsonify, request

from app.db import get_db

bp = Blueprint("polls", __name__)


@bp.post("/polls/<int:poll_id>/vote")
def vote(poll_id: int):
    db = get_db()
    with db.cursor() as cur:
        cur.execute("UPDATE choices SET votes = votes + 1 WHERE poll_id = %s AND id = %s", (poll_id, request.get_json()["choice"]))
    db.commit()
    return jsonify(ok=True)


@bp.get("/polls/<int:poll_id>")
def results(poll_id: int):
    db = get_db()
    with db.cursor() as cur:
        cur.execute("SELECT id, label, votes FROM choices WHERE poll_id = %s ORDER BY id", (poll_id,))
        return jsonify([dict(r) for r in cur.fetchall()])
