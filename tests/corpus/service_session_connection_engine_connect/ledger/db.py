from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

engine = create_engine("postgresql+psycopg2://ledger@localhost/ledger", isolation_level="REPEATABLE READ")
SessionLocal = sessionmaker(bind=engine)
