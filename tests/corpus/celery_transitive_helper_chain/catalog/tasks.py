from catalog.celery_app import app
from catalog.db import SessionLocal
from catalog.sync import sync_supplier


@app.task(autoretry_for=(ConnectionError,), retry_backoff=True)
def sync_supplier_prices(supplier_code: str) -> int:
    with SessionLocal() as session:
        changed = sync_supplier(session, supplier_code)
        session.commit()
    return changed
