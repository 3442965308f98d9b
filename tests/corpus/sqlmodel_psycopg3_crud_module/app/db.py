from sqlmodel import Session, create_engine

PG_URL = "postgresql+psycopg://library:library@localhost/library"
PG_CONNINFO = "postgresql://library:library@localhost/library"
engine = create_engine(PG_URL)


def get_session():
    with Session(engine) as session:
        yield session
