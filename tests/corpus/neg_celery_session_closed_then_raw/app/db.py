from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

engine = create_engine("postgresql+psycopg://files@localhost/files")
SessionLocal = sessionmaker(bind=engine)
