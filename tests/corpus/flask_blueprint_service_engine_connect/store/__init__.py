from flask import Flask

from store.extensions import db


def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = "postgresql://store:store@localhost/store"
    app.config.update(config or {})
    db.init_app(app)
    from store.checkout.routes import checkout_bp

    app.register_blueprint(checkout_bp)
    return app
