from datetime import datetime

from etl.app import app
from etl.db import SessionLocal
from etl.loaders import vacuum_staging
from etl.models import Import


@app.task
def finish_import(import_id: int) -> None:
    with SessionLocal() as session:
        imp = session.get(Import, import_id)
        imp.finished_at = datetime.utcnow()
        session.commit()


@app.task
def maintenance() -> None:
    vacuum_staging()


@app.task
def chain_import(import_id: int) -> None:
    finish_import.delay(import_id)
    maintenance.delay()
