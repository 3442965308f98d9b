import csv
import io

from fastapi import APIRouter, Depends, UploadFile
from sqlalchemy.orm import Session

from app.db import get_db, get_raw_conn
from app.models import Contact

router = APIRouter()


@router.post("/contacts/import")
async def import_contacts(file: UploadFile, db: Session = Depends(get_db), conn=Depends(get_raw_conn)):  # expect: TXM004
    text = (await file.read()).decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    buffer = io.StringIO("".join(f"{r['email']}\t{r['company']}\n" for r in rows))
    cur = conn.cursor()
    cur.copy_from(buffer, "contacts_staging", columns=("email", "company"))
    conn.commit()
    db.add(Contact(email="import-marker@example.com", company=file.filename))
    db.commit()
    return {"imported": len(rows)}


@router.get("/contacts/export")
def export_contacts(conn=Depends(get_raw_conn)):
    cur = conn.cursor()
    out = io.StringIO()
    cur.copy_expert("COPY contacts TO STDOUT WITH CSV HEADER", out)
    return out.getvalue()
