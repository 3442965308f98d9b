import os

DATABASE_URL = os.environ.get("DATABASE_URL", "postgresql+psycopg2://app@primary/app")
WAREHOUSE_DSN = os.environ.get("WAREHOUSE_DSN", "postgresql://analyst@warehouse/dwh")
