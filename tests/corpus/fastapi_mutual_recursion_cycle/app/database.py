from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

engine = create_async_engine("postgresql+asyncpg://docs:docs@localhost/docs")
SessionLocal = async_sessionmaker(engine, class_=AsyncSession)


async def get_session():
    async with SessionLocal() as session:
        yield session
