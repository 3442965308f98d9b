from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

ASYNC_URL = "postgresql+asyncpg://live:live@localhost/live"
PG_DSN = "postgresql://live:live@localhost/live"
engine = create_async_engine(ASYNC_URL)
SessionLocal = async_sessionmaker(engine, expire_on_commit=False)
