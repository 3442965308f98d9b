from celery import shared_task

from notify.db import SessionLocal
from notify.models import Notification
from notify.pg import pool


@shared_task(ignore_result=True)
def deliver(notification_id: int) -> None:
    with SessionLocal() as session:
        note = session.get(Notification, notification_id)
        if note is None or note.delivered:
            return
        with pool.connection() as conn:  # expect: TXM002
            conn.execute("UPDATE user_badges SET unread = unread + 1 WHERE user_id = %s", (note.user_id,))
        note.delivered = True
        session.commit()
