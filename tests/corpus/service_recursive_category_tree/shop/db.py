import psycopg2
from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

DSN = "postgresql://shop:shop@localhost/shop"
engine = create_engine(DSN)
SessionLocal = sessionmaker(bind=engine)


def pg():
    return psycopg2.connect(DSN)
