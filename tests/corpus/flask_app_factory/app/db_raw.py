"""Raw DBAPI access for the bulk paths, one connection per request."""

from flask import g

from app.extensions import db


def get_conn():
    if "raw_conn" not in g:
        g.raw_conn = db.engine.raw_connection()
    return g.raw_conn


def close_conn(exc=None) -> None:
    conn = g.pop("raw_conn", None)
    if conn is not None:
        conn.close()
