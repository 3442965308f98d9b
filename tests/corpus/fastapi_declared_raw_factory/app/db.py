import pg8000.dbapi
from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

from app.vault import database_password

engine = create_engine("postgresql+psycopg2://payroll@db/payroll", connect_args={"password": database_password()})
SessionLocal = sessionmaker(bind=engine)


def raw_conn():
    """Short-lived pg8000 connection with a freshly rotated credential."""
    return pg8000.dbapi.connect(user="payroll", host="db", database="payroll", password=database_password())


def get_db():
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()
