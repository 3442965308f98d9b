from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

engine = create_engine("postgresql+psycopg2://etl@localhost/etl")
SessionLocal = sessionmaker(bind=engine)
