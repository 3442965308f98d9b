from app.db import SessionLocal
from app.models import Sample
from app.repository import MeasurementRepository


def ingest_batch(batch: str, samples: dict[str, list[tuple]]) -> None:
    with SessionLocal() as session:
        for barcode in samples:
            session.add(Sample(barcode=barcode, batch=batch))
        session.flush()
        repo = MeasurementRepository(session)
        for rows in samples.values():
            repo.bulk_insert(rows)
        session.commit()


if __name__ == "__main__":
    ingest_batch("B-001", {"S1": [(1, 0.5)], "S2": [(2, 0.7)]})
