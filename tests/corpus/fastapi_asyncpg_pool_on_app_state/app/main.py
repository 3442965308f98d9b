from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI

from app.config import ASYNCPG_DSN
from app.routes import events, tickets


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.pool = await asyncpg.create_pool(ASYNCPG_DSN, min_size=2, max_size=10)
    yield
    await app.state.pool.close()


app = FastAPI(lifespan=lifespan)
app.include_router(events.router)
app.include_router(tickets.router)
