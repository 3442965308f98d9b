from flask import Flask

from app import db


def create_app() -> Flask:
    app = Flask(__name__)
    app.config["DATABASE_URL"] = "postgresql://poll@localhost/poll"
    app.teardown_appcontext(db.close_db)
    from app.polls import bp

    app.register_blueprint(bp)
    return app
