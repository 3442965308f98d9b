from datetime import date

from fastapi import Depends, FastAPI
from sqlalchemy.orm import Session

from app.db import get_db, raw_conn
from app.models import Payslip

app = FastAPI()


@app.post("/payslips")
def issue_payslip(employee_id: int, period: date, db: Session = Depends(get_db)):
    conn = raw_conn()  # expect: TXM006
    cur = conn.cursor()
    cur.execute("SELECT coalesce(sum(hours * rate), 0) FROM timesheets WHERE employee_id = %s AND period = %s", (employee_id, period))
    gross = cur.fetchone()[0]
    conn.close()
    slip = Payslip(employee_id=employee_id, period=period, gross=gross)
    db.add(slip)
    db.commit()
    return {"id": slip.id, "gross": str(gross)}
