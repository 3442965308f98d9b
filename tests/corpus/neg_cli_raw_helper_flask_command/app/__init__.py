from flask import Flask

from app.commands import register_commands
from app.extensions import db


def create_app() -> Flask:
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = "postgresql://lms@localhost/lms"
    db.init_app(app)
    register_commands(app)
    from app.courses import bp

    app.register_blueprint(bp)
    return app
