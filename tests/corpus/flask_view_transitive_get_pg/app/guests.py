from app import db
from app.models import Guest


def add_guest(event_id: int, name: str) -> Guest:
    guest = Guest(event_id=event_id, name=name)
    db.session.add(guest)
    return guest
