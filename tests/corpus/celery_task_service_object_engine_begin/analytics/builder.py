from sqlalchemy import text
from sqlalchemy.orm import Session

from analytics.db import engine
from analytics.models import Cohort


class CohortBuilder:
    def __init__(self, session: Session) -> None:
        self.session = session

    def _size(self, week) -> int:
        with engine.begin() as conn:
            conn.execute(text("CREATE TEMP TABLE IF NOT EXISTS wk AS SELECT id FROM users WHERE date_trunc('week', created_at) = :w"), {"w": week})
            return conn.execute(text("SELECT count(*) FROM wk")).scalar_one()

    def run(self, name: str, week) -> Cohort:
        cohort = Cohort(name=name, week=week, size=self._size(week))  # expect: TXM005
        self.session.add(cohort)
        self.session.commit()
        return cohort
