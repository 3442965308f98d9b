from datetime import date

from shop.extensions import celery, db
from shop.models import Subscription


@celery.task
def expire_subscriptions(today: str) -> int:
    expired = Subscription.query.filter(Subscription.active.is_(True)).all()
    for sub in expired:
        sub.active = False
    raw = db.engine.raw_connection()  # expect: TXM004
    try:
        cur = raw.cursor()
        cur.execute("INSERT INTO subscription_audit (day, count) VALUES (%s, %s)", (date.fromisoformat(today), len(expired)))
        raw.commit()
    finally:
        raw.close()
    db.session.commit()
    return len(expired)


@celery.task
def count_active() -> int:
    return Subscription.query.filter_by(active=True).count()
