from celery import shared_task

from app.db import SessionLocal
from app.maintenance import analyze_tables
from app.models import Upload


@shared_task
def finalize_upload(upload_id: int) -> None:
    db = SessionLocal()
    try:
        upload = db.get(Upload, upload_id)
        upload.status = "ready"
        db.commit()
    finally:
        db.close()
    analyze_tables(["uploads", "upload_chunks"])
