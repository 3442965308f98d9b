from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

DSN = "postgresql://idx:idx@localhost/search"
engine = create_engine(DSN)
SessionLocal = sessionmaker(bind=engine)
