from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

DSN = "postgresql://clinic:clinic@localhost/clinic"
engine = create_engine(DSN)
SessionLocal = sessionmaker(bind=engine)


def get_db():
    with SessionLocal() as db:
        yield db
