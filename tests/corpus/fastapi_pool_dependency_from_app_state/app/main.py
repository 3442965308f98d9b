from contextlib import asynccontextmanager

from fastapi import FastAPI
from psycopg_pool import ConnectionPool

from app.routers import tickets


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.pg_pool = ConnectionPool("postgresql://help@localhost/helpdesk", min_size=2)
    yield
    app.state.pg_pool.close()


app = FastAPI(lifespan=lifespan)
app.include_router(tickets.router)
