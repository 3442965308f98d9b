import asyncpg
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

engine = create_async_engine("postgresql+asyncpg://chat:chat@localhost/chat")
sessions: async_sessionmaker[AsyncSession] = async_sessionmaker(engine, expire_on_commit=False)


async def create_pool() -> asyncpg.Pool:
    return await asyncpg.create_pool("postgresql://chat:chat@localhost/chat")
