from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

DSN = "postgresql://rent@localhost/rentals"
engine = create_engine(DSN)
SessionLocal = sessionmaker(bind=engine)
