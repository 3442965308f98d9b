import os

DATABASE_URL = os.environ.get("DATABASE_URL", "postgresql+psycopg2://shop:shop@localhost:5432/shop")
DATABASE_DSN = DATABASE_URL.replace("postgresql+psycopg2://", "postgresql://")
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "redis://localhost:6379/0")
