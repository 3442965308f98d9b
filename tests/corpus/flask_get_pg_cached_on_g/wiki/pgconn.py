import psycopg2
from flask import current_app, g


def get_pg():
    if "pg" not in g:
        g.pg = psycopg2.connect(current_app.config["PG_DSN"])
    return g.pg


def close_pg(exc=None) -> None:
    pg = g.pop("pg", None)
    if pg is not None:
        pg.close()
