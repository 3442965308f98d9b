import sys
from datetime import datetime

from exporter.copy import copy_customers
from exporter.db import SessionLocal
from exporter.models import ExportJob


def main(path: str) -> None:
    with SessionLocal() as session:
        session.add(ExportJob(target=path, started_at=datetime.utcnow()))
        session.commit()
    copy_customers(path)


if __name__ == "__main__":
    main(sys.argv[1])
