from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

from app.config import DATABASE_URL, SEARCH_DATABASE_URL

engine = create_engine(DATABASE_URL)
search_engine = create_engine(SEARCH_DATABASE_URL)
SessionLocal = sessionmaker(bind=engine)


def get_db():
    with SessionLocal() as db:
        yield db
