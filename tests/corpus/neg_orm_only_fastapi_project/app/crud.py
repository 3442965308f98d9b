from sqlalchemy import select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Todo


async def list_todos(session: AsyncSession) -> list[Todo]:
    return list(await session.scalars(select(Todo).order_by(Todo.id)))


async def complete_all(session: AsyncSession) -> int:
    result = await session.execute(update(Todo).where(Todo.done.is_(False)).values(done=True))
    await session.execute(text("NOTIFY todos_changed"))
    await session.commit()
    return result.rowcount
