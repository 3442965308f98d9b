from sqlmodel import Session, SQLModel, create_engine

DATABASE_URL = "postgresql://heroes:heroes@localhost/heroes"
engine = create_engine(DATABASE_URL, echo=False)


def create_db_and_tables() -> None:
    SQLModel.metadata.create_all(engine)


def get_session():
    with Session(engine) as session:
        yield session
