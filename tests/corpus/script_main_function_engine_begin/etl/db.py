from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from etl.config import SOURCE_URL

engine = create_engine(SOURCE_URL, future=True)


def new_session() -> Session:
    return Session(engine)
