from sqlalchemy.orm import Session

from app.copy_utils import copy_rows


class MeasurementRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def bulk_insert(self, rows: list[tuple]) -> None:
        copy_rows(self.session.connection().connection, "measurements", rows)
