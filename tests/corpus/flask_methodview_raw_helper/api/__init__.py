from flask import Flask

from api.extensions import db
from api.views import register_views


def create_app() -> Flask:
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = "postgresql+psycopg2://hr:hr@localhost/hr"
    db.init_app(app)
    register_views(app)
    return app
