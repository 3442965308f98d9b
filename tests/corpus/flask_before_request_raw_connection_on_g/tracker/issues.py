from flask import Blueprint, g, jsonify, request

from tracker.extensions import db
from tracker.models import Issue

bp = Blueprint("issues", __name__)


@bp.post("/issues/<int:issue_id>/assign")
def assign(issue_id: int):
    issue = Issue.query.get_or_404(issue_id)
    issue.assignee = request.get_json()["assignee"]
    cur = g.raw.cursor()  # expect: TXM004
    cur.execute("INSERT INTO issue_events (issue_id, kind, actor) VALUES (%s, 'assigned', %s)", (issue_id, issue.assignee))
    g.raw.commit()
    db.session.commit()
    return jsonify(assignee=issue.assignee)


@bp.get("/issues/<int:issue_id>/events")
def events(issue_id: int):
    cur = g.raw.cursor()
    cur.execute("SELECT kind, actor FROM issue_events WHERE issue_id = %s ORDER BY id", (issue_id,))
    return jsonify([{"kind": k, "actor": a} for k, a in cur.fetchall()])
