import argparse
from datetime import date, timedelta

from sqlalchemy import text

from etl.db import engine, new_session
from etl.models import DailyRevenue


def rollup(day: date) -> None:
    session = new_session()
    with engine.begin() as conn:  # expect: TXM005
        orders, revenue = conn.execute(
            text("SELECT count(*), coalesce(sum(total), 0) FROM orders WHERE created_at::date = :d"), {"d": day}
        ).one()
    session.merge(DailyRevenue(day=day, orders=orders, revenue=revenue))
    session.commit()
    session.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--days", type=int, default=1)
    args = parser.parse_args()
    for offset in range(args.days):
        rollup(date.today() - timedelta(days=offset + 1))


if __name__ == "__main__":
    main()
