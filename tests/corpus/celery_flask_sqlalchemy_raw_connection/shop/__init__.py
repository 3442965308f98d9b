from flask import Flask

from shop.extensions import celery, db


def create_app() -> Flask:
    app = Flask(__name__)
    app.config.from_prefixed_env()
    db.init_app(app)
    celery.conf.update(broker_url=app.config.get("CELERY_BROKER_URL", "redis://localhost:6379/0"))
    return app
