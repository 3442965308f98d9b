from sqlalchemy import create_engine, text
from sqlalchemy.orm import sessionmaker

engine = create_engine("postgresql://loyalty@localhost/loyalty")
SessionLocal = sessionmaker(engine)


def award_points(member_id: int, points: int) -> None:
    session = SessionLocal()
    member = session.get(Member, member_id)
    member.points += points
    with engine.connect() as conn:  # expect: TXM005
        conn.execute(text("INSERT INTO points_log (member_id, delta) VALUES (:m, :d)"), {"m": member_id, "d": points})
        conn.commit()
    session.commit()
    session.close()


class Member:
    id: int
    points: int
