from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

DB_URL = "postgresql+psycopg2://catalog:catalog@postgres/catalog"
DSN = "host=postgres dbname=catalog user=catalog password=catalog"

engine = create_engine(DB_URL)
SessionLocal = sessionmaker(bind=engine)
