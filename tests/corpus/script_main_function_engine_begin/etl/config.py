import os

SOURCE_URL = os.environ.get("SOURCE_URL", "postgresql+psycopg2://etl@localhost/app")
