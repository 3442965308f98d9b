import os

DATABASE_URL = os.getenv("DATABASE_URL", "postgresql+asyncpg://events:events@localhost/events")
ASYNCPG_DSN = DATABASE_URL.replace("postgresql+asyncpg://", "postgresql://")
