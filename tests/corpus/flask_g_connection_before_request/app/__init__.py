import psycopg2
from flask import Flask, g
from flask_sqlalchemy import SQLAlchemy

app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = "postgresql://blog:blog@localhost/blog"
db = SQLAlchemy(app)


@app.before_request
def open_pg() -> None:
    g.pg = psycopg2.connect(app.config["SQLALCHEMY_DATABASE_URI"])


@app.teardown_request
def close_pg(exc) -> None:
    pg = g.pop("pg", None)
    if pg is not None:
        pg.close()


from app import views  # noqa: E402,F401
