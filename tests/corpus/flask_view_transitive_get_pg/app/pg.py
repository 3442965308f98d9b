import psycopg2
from flask import g

from app import app


def get_pg():
    if "pg" not in g:
        g.pg = psycopg2.connect(app.config["SQLALCHEMY_DATABASE_URI"])
    return g.pg
