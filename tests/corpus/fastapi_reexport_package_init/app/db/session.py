from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

engine = create_engine("postgresql+psycopg://notes:notes@localhost/notes")
SessionLocal = sessionmaker(engine)


def get_session():
    with SessionLocal() as session:
        yield session
