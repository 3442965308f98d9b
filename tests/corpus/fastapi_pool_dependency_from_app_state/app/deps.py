from fastapi import Request
from psycopg_pool import ConnectionPool
from sqlalchemy import create_engine
from sqlalchemy.orm import Session, sessionmaker

SessionLocal = sessionmaker(bind=create_engine("postgresql+psycopg://help@localhost/helpdesk"))


def get_pool(request: Request) -> ConnectionPool:
    return request.app.state.pg_pool


def get_db():
    db: Session = SessionLocal()
    try:
        yield db
    finally:
        db.close()
