from flask import Blueprint, jsonify, request

from app.bulk import renumber_positions
from app.extensions import db
from app.models import Task

bp = Blueprint("tasks", __name__)


@bp.post("/lists/<int:list_id>/tasks")
def add_task(list_id: int):
    task = Task(title=request.get_json()["title"], position=10_000)
    db.session.add(task)
    db.session.flush()
    renumber_positions(db.session.connection().connection.driver_connection, list_id)
    db.session.commit()
    return jsonify(id=task.id), 201
