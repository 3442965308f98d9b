from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from sync.settings import ASYNC_DB_URL

engine = create_async_engine(ASYNC_DB_URL)
AsyncSessionLocal = async_sessionmaker(engine)
