import psycopg2.pool
from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

DSN = "postgresql://kb:kb@localhost/kb"
engine = create_engine(DSN)
SessionLocal = sessionmaker(bind=engine)
pg_pool = psycopg2.pool.SimpleConnectionPool(1, 4, DSN)


def get_db():
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()
