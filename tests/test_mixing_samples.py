"""Small real-world samples, positive and negative, through the real parser and built-in rules.

Each case names the rule codes (with the line of the first) that the sample must produce;
an empty list means the sample must stay silent.
"""

from __future__ import annotations

import pytest

SAMPLES: list[tuple[str, str, list[tuple[str, int]]]] = [
    # ---- FastAPI, sync -------------------------------------------------------------------
    ("fastapi-sync-annotated-depends", """
        import psycopg2
        from fastapi import Depends, FastAPI
        from sqlalchemy.orm import Session
        app = FastAPI()
        @app.post("/orders")
        def create_order(db: Session = Depends(get_db)):
            db.add(Order())
            conn = psycopg2.connect("dbname=shop")
            conn.commit()
        """, [("TXM001", 9)]),
    ("fastapi-sync-annotated-alias", """
        import psycopg2
        from typing import Annotated
        from fastapi import Depends
        from sqlalchemy.orm import Session
        DB = Annotated[Session, Depends(get_db)]
        def create(db: Annotated[Session, Depends(get_db)]):
            db.add(1)
            psycopg2.connect("")
        """, [("TXM001", 9)]),
    ("fastapi-annotated-type-alias", """
        import psycopg2
        from typing import Annotated
        from fastapi import Depends
        from sqlmodel import Session
        SessionDep = Annotated[Session, Depends(get_session)]
        def create_hero(hero, session: SessionDep):
            session.add(hero)
            psycopg2.connect("")
        """, [("TXM001", 9)]),
    ("fastapi-depends-on-local-generator", """
        import psycopg2
        from fastapi import Depends
        from sqlalchemy.orm import sessionmaker
        SessionLocal = sessionmaker()
        def get_db():
            db = SessionLocal()
            try:
                yield db
            finally:
                db.close()
        def endpoint(db=Depends(get_db)):
            db.query(int).all()
            c = psycopg2.connect("")
        """, [("TXM001", 14)]),
    ("fastapi-optional-annotation", """
        import psycopg2
        from typing import Optional
        from sqlalchemy.orm import Session
        def f(db: Optional[Session] = None):
            db.add(1)
            psycopg2.connect("")
        """, [("TXM001", 7)]),
    ("fastapi-pep604-annotation", """
        import psycopg2
        from sqlalchemy.orm import Session
        def f(db: Session | None = None):
            db.add(1)
            psycopg2.connect("")
        """, [("TXM001", 6)]),
    ("string-annotation", """
        import psycopg2
        from sqlalchemy import orm
        def f(db: "orm.Session"):
            db.add(1)
            psycopg2.connect("")
        """, [("TXM001", 6)]),
    # ---- FastAPI, async ------------------------------------------------------------------
    ("fastapi-async-asyncpg-pool-acquire", """
        import asyncpg
        from sqlalchemy.ext.asyncio import AsyncSession
        pool = None
        async def startup():
            global pool
            pool = await asyncpg.create_pool("postgresql://")
        async def transfer(db: AsyncSession):
            db.add(1)
            async with pool.acquire() as conn:
                await conn.execute("UPDATE account SET b = 0")
            await db.commit()
        """, [("TXM003", 10)]),
    ("fastapi-async-sessionmaker-context", """
        import asyncpg
        from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
        engine = create_async_engine("postgresql+asyncpg://")
        Session = async_sessionmaker(engine)
        async def handler():
            async with Session() as s:
                await s.execute("select 1")
                conn = await asyncpg.connect("postgresql://")
        """, [("TXM003", 9)]),
    ("fastapi-async-begin-context", """
        import asyncpg
        from sqlalchemy.ext.asyncio import async_sessionmaker
        Session = async_sessionmaker()
        async def handler():
            async with Session.begin() as s:
                s.add(1)
            await asyncpg.connect("postgresql://")
        """, [("TXM003", 8)]),
    ("fastapi-async-psycopg3", """
        import psycopg
        from sqlalchemy.ext.asyncio import AsyncSession
        async def pay(db: AsyncSession):
            await db.flush()
            async with await psycopg.AsyncConnection.connect("") as conn:
                await conn.execute("select 1")
        """, [("TXM002", 6)]),
    ("fastapi-async-safe-driver-connection", """
        from sqlalchemy.ext.asyncio import AsyncSession
        async def handler(db: AsyncSession):
            db.add(1)
            raw = await (await db.connection()).get_raw_connection()
            await raw.driver_connection.execute("select 1")
        """, []),
    # ---- Flask-SQLAlchemy ----------------------------------------------------------------
    ("flask-sqlalchemy-db-session", """
        import psycopg2
        from flask import Flask
        from flask_sqlalchemy import SQLAlchemy
        app = Flask(__name__)
        db = SQLAlchemy(app)
        @app.route("/pay")
        def pay():
            db.session.add(Payment())
            conn = psycopg2.connect(app.config["DSN"])
            db.session.commit()
        """, [("TXM001", 10)]),
    ("flask-sqlalchemy-engine-raw-connection", """
        from flask_sqlalchemy import SQLAlchemy
        db = SQLAlchemy()
        def view():
            db.session.add(1)
            raw = db.engine.raw_connection()
        """, [("TXM004", 6)]),
    ("flask-sqlalchemy-safe", """
        from flask_sqlalchemy import SQLAlchemy
        from sqlalchemy import text
        db = SQLAlchemy()
        def view():
            db.session.add(1)
            db.session.execute(text("select 1"))
            cur = db.session.connection().connection.cursor()
        """, []),
    # ---- SQLModel --------------------------------------------------------------------------
    ("sqlmodel-session", """
        import psycopg2
        from sqlmodel import Session, create_engine
        engine = create_engine("postgresql://")
        def save(hero):
            with Session(engine) as session:
                session.add(hero)
                session.commit()
            psycopg2.connect("")
        """, []),  # the session is closed (end of its `with`) before the raw connection opens
    ("sqlmodel-exec-and-engine-connect", """
        from sqlmodel import Session, create_engine, select
        engine = create_engine("postgresql://")
        def heroes():
            with Session(engine) as session:
                session.exec(select(Hero)).all()
                with engine.connect() as conn:
                    conn.exec_driver_sql("select 1")
        """, [("TXM005", 7)]),
    # ---- Celery-style tasks --------------------------------------------------------------
    ("celery-task-scoped-session", """
        import psycopg2
        from celery import shared_task
        from sqlalchemy.orm import scoped_session, sessionmaker
        Session = scoped_session(sessionmaker())
        @shared_task
        def nightly():
            Session.query(int).all()
            conn = psycopg2.connect("")
        """, [("TXM001", 9)]),
    ("celery-task-split-into-two-tasks", """
        import psycopg2
        from celery import shared_task
        from sqlalchemy.orm import scoped_session, sessionmaker
        Session = scoped_session(sessionmaker())
        @shared_task
        def orm_task():
            Session.query(int).all()
        @shared_task
        def raw_task():
            psycopg2.connect("")
        """, []),
    # ---- scripts (module body) -----------------------------------------------------------
    ("script-module-body", """
        import psycopg2
        from sqlalchemy import create_engine
        from sqlalchemy.orm import Session
        engine = create_engine("postgresql://")
        session = Session(engine)
        session.add(1)
        conn = psycopg2.connect("")
        """, [("TXM001", 8)]),
    ("script-main-guard", """
        import psycopg
        from sqlalchemy.orm import Session
        if __name__ == "__main__":
            s = Session()
            s.execute("select 1")
            with psycopg.connect("") as c:
                pass
        """, [("TXM002", 7)]),
    # ---- classes holding a session ---------------------------------------------------------
    ("class-session-from-init-annotation", """
        import psycopg2
        from sqlalchemy.orm import Session
        class Repo:
            def __init__(self, session: Session):
                self.session = session
            def save(self, obj):
                self.session.add(obj)
                conn = psycopg2.connect("")
        """, [("TXM001", 9)]),
    ("class-session-class-level-annotation", """
        import psycopg2
        from sqlalchemy.orm import Session
        class Repo:
            session: Session
            def save(self, obj):
                self.session.add(obj)
                psycopg2.connect("")
        """, [("TXM001", 8)]),
    ("class-session-from-factory-in-init", """
        import asyncpg
        from sqlalchemy.ext.asyncio import async_sessionmaker
        Factory = async_sessionmaker()
        class Service:
            def __init__(self):
                self.db = Factory()
            async def run(self):
                await self.db.commit()
                await asyncpg.connect("")
        """, [("TXM003", 10)]),
    ("class-methods-split", """
        import psycopg2
        from sqlalchemy.orm import Session
        class Repo:
            def __init__(self, session: Session):
                self.session = session
            def save(self, obj):
                self.session.add(obj)
            def raw(self):
                return psycopg2.connect("")
        """, []),
    ("class-unrelated-attribute-named-session", """
        import psycopg2
        import requests
        class Client:
            def __init__(self):
                self.session = requests.Session()
            def go(self):
                self.session.get("http://x")
                psycopg2.connect("")
        """, []),
    # ---- aliases ---------------------------------------------------------------------------
    ("alias-module-psycopg2", """
        import psycopg2 as pg
        import sqlalchemy.orm as orm
        def f(engine):
            s = orm.Session(engine)
            s.add(1)
            pg.connect("")
        """, [("TXM001", 7)]),
    ("alias-from-import-asyncpg", """
        from asyncpg import connect as pg_connect, create_pool
        from sqlalchemy.ext.asyncio import AsyncSession as AS
        async def f(db: AS):
            await db.execute("x")
            await pg_connect("")
        """, [("TXM003", 6)]),
    ("alias-submodule-import", """
        import sqlalchemy.orm
        import psycopg2
        def f(db: sqlalchemy.orm.Session):
            db.merge(1)
            psycopg2.connect("")
        """, [("TXM001", 6)]),
    ("alias-local-rebinding", """
        import psycopg2
        from sqlalchemy.orm import Session
        def f(db: Session):
            orm = db
            orm.add(1)
            conn = None
            conn = psycopg2.connect("")
        """, [("TXM001", 8)]),
    ("walrus-binding", """
        import psycopg2
        from sqlalchemy.orm import Session
        def f(engine):
            if (s := Session(engine)):
                s.add(1)
            psycopg2.connect("")
        """, [("TXM001", 7)]),
    ("raw-connection-on-unknown-engine", """
        from sqlalchemy.orm import Session
        def f(db: Session, engine):
            db.add(1)
            raw = engine.raw_connection()
        """, [("TXM004", 5)]),
    ("session-get-bind-connect", """
        from sqlalchemy.orm import Session
        def f(db: Session):
            db.add(1)
            with db.get_bind().connect() as conn:
                conn.execute("x")
        """, [("TXM005", 5)]),
    ("psycopg2-pool-getconn", """
        from psycopg2.pool import ThreadedConnectionPool
        from sqlalchemy.orm import Session
        POOL = ThreadedConnectionPool(1, 5, "")
        def f(db: Session):
            db.add(1)
            conn = POOL.getconn()
        """, [("TXM001", 7)]),
    ("module-connection-used-in-function", """
        import psycopg2
        from sqlalchemy.orm import Session
        CONN = psycopg2.connect("")
        def f(db: Session):
            db.add(1)
            CONN.cursor().execute("x")
        """, [("TXM001", 7)]),
    # ---- scopes ---------------------------------------------------------------------------
    ("nested-def-does-not-leak-into-parent", """
        import psycopg2
        from sqlalchemy.orm import Session
        def outer(db: Session):
            db.add(1)
            def inner():
                return psycopg2.connect("")
            return inner
        """, []),
    ("lambda-is-its-own-scope", """
        import psycopg2
        from sqlalchemy.orm import Session
        def outer(db: Session):
            db.add(1)
            opener = lambda: psycopg2.connect("")
        """, []),
    ("nested-def-sees-enclosing-session", """
        import psycopg2
        from sqlalchemy.orm import Session
        def outer(db: Session):
            def inner():
                db.add(1)
                psycopg2.connect("")
            return inner
        """, [("TXM001", 7)]),
    ("one-finding-per-rule-per-scope", """
        import psycopg2
        from sqlalchemy.orm import Session
        def f(db: Session):
            db.add(1)
            a = psycopg2.connect("")
            b = psycopg2.connect("")
            a.cursor(); b.cursor()
        """, [("TXM001", 6)]),
    ("two-rules-in-one-scope", """
        import psycopg2, asyncpg
        from sqlalchemy.ext.asyncio import AsyncSession
        async def f(db: AsyncSession):
            await db.commit()
            psycopg2.connect("")
            await asyncpg.connect("")
        """, [("TXM001", 6), ("TXM003", 7)]),
    # ---- safe patterns ---------------------------------------------------------------------
    ("safe-session-execute-text", """
        import psycopg2
        from sqlalchemy import text
        from sqlalchemy.orm import Session
        def f(db: Session):
            db.add(1)
            db.execute(text("UPDATE x SET y = 1"))
        """, []),
    ("safe-dbapi-connection-attributes", """
        from sqlalchemy.orm import Session
        def f(db: Session):
            db.add(1)
            a = db.connection().connection
            b = db.connection().connection.dbapi_connection
            c = db.connection().connection.driver_connection
            a.cursor().execute("x")
        """, []),
    ("safe-session-bound-to-the-raw-connection", """
        from sqlalchemy import create_engine
        from sqlalchemy.orm import Session
        engine = create_engine("postgresql://")
        def f():
            with engine.begin() as conn:
                s = Session(bind=conn)
                s.add(1)
                conn.exec_driver_sql("x")
        """, []),
    ("safe-session-bound-positionally", """
        from sqlalchemy import create_engine
        from sqlalchemy.orm import Session
        engine = create_engine("postgresql://")
        def f():
            with engine.connect() as conn:
                with Session(conn) as s:
                    s.add(1)
                    conn.exec_driver_sql("x")
        """, []),
    ("safe-mentions-in-strings-comments-docstrings", '''
        from sqlalchemy.orm import Session
        def f(db: Session):
            """Unlike psycopg2.connect("x"), this uses the session."""
            # conn = psycopg2.connect(DSN)  -- never do this
            db.add(1)
            sql = "psycopg2.connect('dbname=x')"
        ''', []),
    # ---- name collisions: names are not proof ---------------------------------------------
    ("negative-requests-session", """
        import psycopg2
        import requests
        def f():
            session = requests.Session()
            session.get("http://x")
            psycopg2.connect("")
        """, []),
    ("negative-aiohttp-client-session", """
        import aiohttp, asyncpg
        async def f():
            async with aiohttp.ClientSession() as session:
                await session.get("http://x")
            await asyncpg.connect("")
        """, []),
    ("negative-sqlite3-cursor", """
        import sqlite3
        from sqlalchemy.orm import Session
        def f(db: Session):
            db.add(1)
            conn = sqlite3.connect("x.db")
            cursor = conn.cursor()
            cursor.execute("x")
        """, []),
    ("negative-names-only", """
        import psycopg2
        def f(session, conn, cursor, db_session):
            session.add(1)
            db_session.commit()
            conn.commit()
            cursor.execute("x")
            psycopg2.connect("")
        """, []),
    ("negative-local-connect-function", """
        from sqlalchemy.orm import Session
        def connect(x):
            return x
        def f(db: Session):
            db.add(1)
            connect("dbname=x")
        """, []),
    ("negative-shadowed-import", """
        import psycopg2
        from sqlalchemy.orm import Session
        def f(db: Session, psycopg2):
            db.add(1)
            psycopg2.connect("")
        """, []),  # the parameter shadows the import: a bare parameter is a binding too
    ("negative-session-never-used", """
        import psycopg2
        from sqlalchemy.orm import sessionmaker
        def f():
            SessionLocal = sessionmaker()
            psycopg2.connect("")
            return SessionLocal
        """, []),
]


@pytest.mark.parametrize(("code", "expected"), [pytest.param(c, e, id=n) for n, c, e in SAMPLES])
def test_sample(find, code: str, expected: list[tuple[str, int]]) -> None:  # type: ignore[no-untyped-def]
    got = [(f.code, f.location.row) for f in find(code.lstrip("\n"))]
    assert sorted(got) == sorted((code_, row - 1) for code_, row in expected)


def test_there_are_at_least_forty_samples() -> None:
    assert len(SAMPLES) >= 40
