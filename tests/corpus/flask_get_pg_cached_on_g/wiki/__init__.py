from flask import Flask

from wiki import pgconn
from wiki.extensions import db


def create_app() -> Flask:
    app = Flask(__name__)
    app.config.from_mapping(
        SQLALCHEMY_DATABASE_URI="postgresql://wiki:wiki@localhost/wiki",
        PG_DSN="dbname=wiki user=wiki password=wiki host=localhost",
    )
    db.init_app(app)
    app.teardown_appcontext(pgconn.close_pg)
    from wiki.pages import pages

    app.register_blueprint(pages)
    return app
