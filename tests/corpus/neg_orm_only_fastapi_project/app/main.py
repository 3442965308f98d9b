from fastapi import Depends, FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from app import crud
from app.database import engine, get_session
from app.models import Base, Todo

app = FastAPI()


@app.on_event("startup")
async def create_tables() -> None:
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)


@app.get("/todos")
async def todos(session: AsyncSession = Depends(get_session)):
    return await crud.list_todos(session)


@app.post("/todos")
async def add_todo(title: str, session: AsyncSession = Depends(get_session)):
    todo = Todo(title=title)
    session.add(todo)
    await session.commit()
    return {"id": todo.id}


@app.post("/todos/complete")
async def complete(session: AsyncSession = Depends(get_session)):
    return {"completed": await crud.complete_all(session)}
