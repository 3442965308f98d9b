from flask import abort, jsonify, request

from app import app, db
from app.capacity import seats_left
from app.guests import add_guest


@app.post("/events/<int:event_id>/guests")
def register_guest(event_id: int):
    guest = add_guest(event_id, request.get_json()["name"])
    if seats_left(event_id) <= 0:  # expect: TXM001
        abort(409)
    db.session.commit()
    return jsonify(id=guest.id), 201
