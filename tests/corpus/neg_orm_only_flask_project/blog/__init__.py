from flask import Flask

from blog.extensions import db


def create_app() -> Flask:
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = "postgresql://blog@localhost/blog"
    db.init_app(app)
    from blog.posts import bp

    app.register_blueprint(bp)
    return app
