from psycopg_pool import AsyncConnectionPool
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

DB_URL = "postgresql+psycopg://metrics:metrics@localhost/metrics"
CONNINFO = "postgresql://metrics:metrics@localhost/metrics"

engine = create_async_engine(DB_URL)
Session = async_sessionmaker(engine, expire_on_commit=False)
pool = AsyncConnectionPool(CONNINFO, open=False)
