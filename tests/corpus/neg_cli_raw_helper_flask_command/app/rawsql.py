from app.extensions import db


def truncate_events() -> None:
    raw = db.engine.raw_connection()
    try:
        raw.cursor().execute("TRUNCATE course_events")
        raw.commit()
    finally:
        raw.close()
