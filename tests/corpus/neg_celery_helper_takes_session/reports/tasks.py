from datetime import date

from reports.celery_app import celery
from reports.db import SessionLocal
from reports.models import ReportRun
from reports.sql import rebuild_daily_sales


@celery.task
def daily_sales(day: str) -> int:
    with SessionLocal() as session:
        rows = rebuild_daily_sales(session, date.fromisoformat(day))
        session.add(ReportRun(name="daily_sales", day=date.fromisoformat(day), rows=rows))
        session.commit()
    return rows
