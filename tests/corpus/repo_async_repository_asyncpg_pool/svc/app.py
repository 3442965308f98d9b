from contextlib import asynccontextmanager

from fastapi import FastAPI, Request

from svc.db import create_pool, sessions
from svc.repository import MessageRepository


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.pool = await create_pool()
    yield
    await app.state.pool.close()


app = FastAPI(lifespan=lifespan)


@app.post("/rooms/{room}/messages")
async def post_message(room: str, author: str, body: str, request: Request):
    async with sessions() as session:
        repo = MessageRepository(session, request.app.state.pool)
        message = await repo.post(room, author, body)
        return {"id": message.id}
