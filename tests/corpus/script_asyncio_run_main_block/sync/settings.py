import os

ASYNC_DB_URL = os.environ.get("ASYNC_DB_URL", "postgresql+asyncpg://crm@localhost/crm")
PG_DSN = os.environ.get("PG_DSN", "postgresql://crm@localhost/crm")
