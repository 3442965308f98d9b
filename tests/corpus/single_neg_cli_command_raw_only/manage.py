import argparse

import psycopg2
from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

DSN = "postgresql://app@localhost/app"
SessionLocal = sessionmaker(bind=create_engine(DSN))


def cmd_vacuum(args: argparse.Namespace) -> None:
    conn = psycopg2.connect(DSN)
    conn.autocommit = True
    conn.cursor().execute(f"VACUUM (ANALYZE) {args.table}")
    conn.close()


def cmd_create_admin(args: argparse.Namespace) -> None:
    with SessionLocal() as session:
        session.add(Admin(email=args.email))
        session.commit()


class Admin:
    def __init__(self, email: str) -> None:
        self.email = email


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(required=True)
    vacuum = sub.add_parser("vacuum")
    vacuum.add_argument("table")
    vacuum.set_defaults(func=cmd_vacuum)
    admin = sub.add_parser("create-admin")
    admin.add_argument("email")
    admin.set_defaults(func=cmd_create_admin)
    args = parser.parse_args()
    args.func(args)
