import psycopg2
from sqlmodel import Field, Session, SQLModel, create_engine, select

engine = create_engine("postgresql://heroes@localhost/heroes")


class Hero(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str
    retired: bool = False


def retire(name: str) -> None:
    with Session(engine) as session:
        hero = session.exec(select(Hero).where(Hero.name == name)).one()
        hero.retired = True
        session.add(hero)
        conn = psycopg2.connect("dbname=heroes")  # expect: TXM001
        conn.cursor().execute("DELETE FROM mission_assignments WHERE hero_id = %s", (hero.id,))
        conn.commit()
        session.commit()
