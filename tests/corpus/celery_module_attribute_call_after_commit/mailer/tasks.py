from datetime import datetime, timezone

from mailer import stats
from mailer.celery import app
from mailer.db import SessionLocal
from mailer.models import Campaign


@app.task
def mark_campaign_sent(campaign_id: int, recipients: int) -> None:
    session = SessionLocal()
    try:
        campaign = session.get(Campaign, campaign_id)
        campaign.sent = True
        campaign.sent_at = datetime.now(timezone.utc)
        session.commit()
        stats.record_send(campaign_id, recipients)  # expect: TXM001
    finally:
        session.close()
