from flask import Flask

from app.extensions import db


def create_app() -> Flask:
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = "postgresql+psycopg://tasks:tasks@localhost/tasks"
    db.init_app(app)
    from app.views import bp

    app.register_blueprint(bp)
    return app
