import os


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY", "dev")
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL", "postgresql://shop:shop@localhost/shop")
    SQLALCHEMY_TRACK_MODIFICATIONS = False
