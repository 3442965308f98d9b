from flask import Blueprint, jsonify

from app.extensions import db
from app.models import Course

bp = Blueprint("courses", __name__)


@bp.post("/courses/<int:course_id>/enroll")
def enroll(course_id: int):
    course = db.get_or_404(Course, course_id)
    course.enrolled += 1
    db.session.commit()
    return jsonify(enrolled=course.enrolled)
