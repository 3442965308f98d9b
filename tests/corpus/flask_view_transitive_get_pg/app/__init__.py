from flask import Flask
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()
app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = "postgresql://rsvp@localhost/rsvp"
db.init_app(app)

from app import routes  # noqa: E402,F401
