import psycopg2
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

engine = create_engine("postgresql://bank@localhost/bank")


def move_funds(src: int, dst: int, cents: int) -> None:
    with Session(engine) as session, session.begin():
        session.execute(text("UPDATE accounts SET cents = cents - :c WHERE id = :id"), {"c": cents, "id": src})
        session.execute(text("UPDATE accounts SET cents = cents + :c WHERE id = :id"), {"c": cents, "id": dst})
        notify = psycopg2.connect("dbname=bank")  # expect: TXM001
        notify.cursor().execute("INSERT INTO transfer_notifications (src, dst, cents) VALUES (%s, %s, %s)", (src, dst, cents))
        notify.commit()
