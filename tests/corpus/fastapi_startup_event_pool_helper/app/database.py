from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from app.settings import SQLALCHEMY_URL

engine = create_async_engine(SQLALCHEMY_URL)
SessionFactory: async_sessionmaker[AsyncSession] = async_sessionmaker(engine)


async def get_db():
    async with SessionFactory() as db:
        yield db
