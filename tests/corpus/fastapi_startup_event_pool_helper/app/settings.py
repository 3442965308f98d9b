import os

POSTGRES_DSN = os.environ["POSTGRES_DSN"]
SQLALCHEMY_URL = os.environ["SQLALCHEMY_URL"]
