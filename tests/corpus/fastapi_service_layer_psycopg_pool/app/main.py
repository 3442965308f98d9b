from contextlib import asynccontextmanager

from fastapi import FastAPI

from app.api import invoices
from app.core.pool import pool


@asynccontextmanager
async def lifespan(app: FastAPI):
    pool.open()
    yield
    pool.close()


app = FastAPI(lifespan=lifespan)
app.include_router(invoices.router)
