from flask import Flask

from app.config import Config
from app.db_raw import close_conn
from app.extensions import db, migrate


def create_app(config_class: type = Config) -> Flask:
    app = Flask(__name__)
    app.config.from_object(config_class)

    db.init_app(app)
    migrate.init_app(app, db)
    app.teardown_appcontext(close_conn)

    from app.orders import bp as orders_bp
    from app.inventory import bp as inventory_bp

    app.register_blueprint(orders_bp, url_prefix="/orders")
    app.register_blueprint(inventory_bp, url_prefix="/inventory")
    return app
