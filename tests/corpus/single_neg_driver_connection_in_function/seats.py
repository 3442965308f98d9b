from sqlalchemy.orm import Session


def hold_seat(session: Session, show_id: int, seat: str) -> None:
    session.add(SeatHold(show_id=show_id, seat=seat))
    session.flush()
    dbapi = session.connection().connection.driver_connection
    with dbapi.cursor() as cur:
        cur.execute("UPDATE seats SET held = true WHERE show_id = %s AND label = %s", (show_id, seat))
    session.commit()


class SeatHold:
    def __init__(self, **kw) -> None:
        self.__dict__.update(kw)
