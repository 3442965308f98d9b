from datetime import datetime

import psycopg
from fastapi import APIRouter, Depends

from app.database import DSN, get_db
from app.models import Appointment

router = APIRouter()


@router.post("/appointments")
def book_appointment(patient_id: int, doctor_id: int, starts_at: datetime, db=Depends(get_db)):
    def audit(action: str) -> None:
        with psycopg.connect(DSN) as conn:
            conn.execute("INSERT INTO audit_log (actor, action) VALUES (%s, %s)", (patient_id, action))

    appt = Appointment(patient_id=patient_id, doctor_id=doctor_id, starts_at=starts_at)
    db.add(appt)
    audit("book")  # expect: TXM002
    db.commit()
    return {"id": appt.id}
