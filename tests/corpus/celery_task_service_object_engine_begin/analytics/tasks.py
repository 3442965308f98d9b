from datetime import date

from analytics.builder import CohortBuilder
from analytics.celery_app import celery_app
from analytics.db import SessionLocal


@celery_app.task
def build_weekly_cohort(week: str) -> int:
    with SessionLocal() as session:
        cohort = CohortBuilder(session).run(f"signup-{week}", date.fromisoformat(week))
        return cohort.id
