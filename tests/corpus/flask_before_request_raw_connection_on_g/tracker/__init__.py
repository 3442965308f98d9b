from flask import Flask, g

from tracker.extensions import db


def create_app() -> Flask:
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = "postgresql://tracker@localhost/tracker"
    db.init_app(app)

    @app.before_request
    def checkout_raw() -> None:
        g.raw = db.engine.raw_connection()

    @app.teardown_request
    def release_raw(exc) -> None:
        raw = g.pop("raw", None)
        if raw is not None:
            raw.close()

    from tracker.issues import bp

    app.register_blueprint(bp)
    return app
